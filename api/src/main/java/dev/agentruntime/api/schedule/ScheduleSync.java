package dev.agentruntime.api.schedule;

import dev.agentruntime.api.temporal.SearchAttributeRegistrar;
import dev.agentruntime.api.temporal.TemporalNotFound;
import dev.agentruntime.core.workflow.ScheduleActions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Brings Temporal to a schedule's committed row: the "act" of persist-then-act, for the API right
 * after its commit and for the reconciler after a crash between the two. Idempotent: a create that
 * finds the schedule updates it, a delete that finds none is done.
 */
@ApplicationScoped
class ScheduleSync {

  private final ScheduleClient client;
  private final ScheduleRepository schedules;
  private final SearchAttributeRegistrar searchAttributes;

  ScheduleSync(
      ScheduleClient client,
      ScheduleRepository schedules,
      SearchAttributeRegistrar searchAttributes) {
    this.client = client;
    this.schedules = schedules;
    this.searchAttributes = searchAttributes;
  }

  /** The tenant's schedule in Temporal. */
  ScheduleHandle handle(String tenantId, java.util.UUID id) {
    return client.getHandle(ScheduleActions.scheduleId(tenantId, id));
  }

  /**
   * Temporal's description of the schedule, asked up to {@code attempts} times: a schedule just
   * created is described by querying its scheduler workflow, which a busy server may not have
   * started yet.
   *
   * @throws RuntimeException the last attempt's failure
   */
  io.temporal.client.schedules.ScheduleDescription describe(
      String tenantId, java.util.UUID id, int attempts) {
    for (int attempt = 1; ; attempt++) {
      try {
        return handle(tenantId, id).describe();
      } catch (RuntimeException e) {
        if (attempt >= attempts) {
          throw e;
        }
        try {
          Thread.sleep(250L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Creates, updates or deletes Temporal's schedule to match {@code row}, then records it in the
   * row (its own transaction). Temporal's pause state and note are kept by an update: they are
   * Temporal's, changed only by pause and unpause.
   */
  void apply(StoredSchedule row) {
    if (row.deleted()) {
      try {
        handle(row.tenantId(), row.id()).delete();
      } catch (RuntimeException e) {
        if (!TemporalNotFound.is(e)) {
          throw e;
        }
      }
      QuarkusTransaction.requiringNew().run(() -> schedules.remove(row.tenantId(), row.id()));
      return;
    }
    Schedule wanted =
        TemporalSchedules.schedule(
            row.tenantId(),
            row.id(),
            row.timing(),
            row.overlap(),
            Duration.ofSeconds(row.catchupWindowSeconds()),
            row.pauseOnFailure(),
            false,
            null,
            // Applied while the namespace lacks them, the fires' runs start without them until the
            // schedule is next applied (docs/deployment.md, "Search attributes").
            searchAttributes.check() != SearchAttributeRegistrar.State.MISSING);
    try {
      client.createSchedule(
          ScheduleActions.scheduleId(row.tenantId(), row.id()),
          wanted,
          ScheduleOptions.newBuilder().build());
    } catch (ScheduleAlreadyRunningException e) {
      handle(row.tenantId(), row.id())
          .update(
              input ->
                  new ScheduleUpdate(
                      Schedule.newBuilder(wanted)
                          .setState(input.getDescription().getSchedule().getState())
                          .build()));
    }
    QuarkusTransaction.requiringNew()
        .run(() -> schedules.markApplied(row.tenantId(), row.id(), row.generation()));
  }
}
