package dev.agentruntime.api.schedule;

import dev.agentruntime.core.workflow.ScheduleActions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleState;
import java.time.Duration;
import java.util.UUID;

/**
 * A tenant's schedule in Temporal's terms: the one place the API's fields become a Temporal
 * Schedule, for its creation, an update and the reconciler's repair alike. The run's agent and
 * input are not in it: each fire reads them from PostgreSQL (ScheduleFireWorkflow).
 */
final class TemporalSchedules {

  private TemporalSchedules() {}

  /**
   * @param paused the state to create it in; an update keeps Temporal's own pause state and note
   * @param runSearchAttributes whether the namespace has the run search attributes, so that the
   *     fires' runs may be started with them ({@link ScheduleActions#action})
   */
  static Schedule schedule(
      String tenantId,
      UUID scheduleId,
      ScheduleTiming timing,
      ScheduleOverlap overlap,
      Duration catchupWindow,
      boolean pauseOnFailure,
      boolean paused,
      String note,
      boolean runSearchAttributes) {
    ScheduleState.Builder state = ScheduleState.newBuilder().setPaused(paused);
    if (note != null) {
      state.setNote(note);
    }
    return Schedule.newBuilder()
        .setAction(ScheduleActions.action(tenantId, scheduleId, runSearchAttributes))
        .setSpec(timing.spec())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(overlap.temporal())
                .setCatchupWindow(catchupWindow)
                .setPauseOnFailure(pauseOnFailure)
                .build())
        .setState(state.build())
        .build();
  }
}
