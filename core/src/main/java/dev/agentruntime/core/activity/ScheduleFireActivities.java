package dev.agentruntime.core.activity;

import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.ScheduledFire;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The one side effect of a schedule's fire: admitting its run. */
@ActivityInterface
public interface ScheduleFireActivities {

  /**
   * Admits the run of {@code fire} with the schedule's agent, version and input as they are now,
   * under the fire's own idempotency key: a retry, or a replay of the fire's workflow, answers the
   * run the first attempt admitted. The run is recorded as dispatched, since the fire's workflow
   * starts it.
   *
   * @return the run; {@code null} when the tenant has no such schedule (any more)
   * @throws io.temporal.failure.ApplicationFailure non-retryable, of type {@link
   *     ActivityFailureTypes#CLIENT_ERROR}, when the schedule's agent or version does not exist
   */
  @ActivityMethod
  QueuedRun admitFire(String tenantId, ScheduledFire fire);
}
