package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.ScheduleFireActivities;
import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.ScheduledFire;
import dev.agentruntime.worker.store.ScheduleRepository;
import dev.agentruntime.worker.store.ScheduleRepository.FireTarget;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** Admits a schedule's fire through the one admission path (origin {@code schedule}). */
@Singleton
public class ScheduleFireActivitiesImpl implements ScheduleFireActivities {

  private final ScheduleRepository schedules;
  private final RunAdmissions admissions;

  public ScheduleFireActivitiesImpl(ScheduleRepository schedules, RunAdmissions admissions) {
    this.schedules = schedules;
    this.admissions = admissions;
  }

  @Override
  public QueuedRun admitFire(String tenantId, ScheduledFire fire) {
    Optional<FireTarget> found = schedules.findLive(tenantId, fire.scheduleId());
    if (found.isEmpty()) {
      return null;
    }
    FireTarget target = found.get();
    Admission admission =
        admissions.admit(
            AdmissionRequest.ofFire(
                tenantId,
                UUID.randomUUID(),
                target.agentName(),
                target.version(),
                target.inputJson(),
                fire));
    return switch (admission) {
      case Admission.Admitted admitted -> admitted.run();
      case Admission.Replayed replayed -> replayed.run();
      case Admission.NotFound notFound ->
          throw ApplicationFailure.newNonRetryableFailure(
              "schedule "
                  + fire.scheduleId()
                  + " names agent '"
                  + target.agentName()
                  + "'"
                  + (target.version() == null ? "" : " version " + target.version())
                  + ", which the tenant does not have (or has no published version of)",
              ActivityFailureTypes.CLIENT_ERROR);
      case Admission.KeyReused reused ->
          // The request hash is the key's own (ScheduledFire#requestHash): only a run admitted
          // under this key by something else than a fire could differ.
          throw ApplicationFailure.newNonRetryableFailure(
              "the key of fire " + fire.idempotencyKey() + " admitted another request",
              ActivityFailureTypes.CLIENT_ERROR);
      case Admission.TenantSuspended suspended ->
          throw ApplicationFailure.newNonRetryableFailure(
              "the tenant is suspended: fire " + fire.idempotencyKey() + " starts no run",
              ActivityFailureTypes.CLIENT_ERROR);
      case Admission.OverBudget over ->
          throw ApplicationFailure.newNonRetryableFailure(
              "fire " + fire.idempotencyKey() + " starts no run: " + over.budget().stopReason(),
              ActivityFailureTypes.CLIENT_ERROR);
    };
  }
}
