package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.spec.RetrySpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Activity options of a run: fixed ones for bookkeeping, the spec's policy for its steps. */
public final class RunActivityOptions {

  /**
   * Bookkeeping in PostgreSQL and S3 retries without limit: an outage of either delays a run, it
   * never fails it.
   */
  public static final ActivityOptions STORE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(0)
                  .setDoNotRetry(ActivityFailureTypes.CLIENT_ERROR)
                  .build())
          .build();

  /**
   * How long a local bookkeeping activity may keep retrying: longer than any run may take. The Java
   * SDK retries a local activity only when it has a schedule-to-close timeout or a bounded number
   * of attempts; with neither (unlimited attempts, no timeout) it treats the retry policy as unset
   * and hands the first failure to the workflow, which a database outage then failed (found by the
   * PostgreSQL crash on the production Temporal server, PostgresTemporalFaultIT).
   */
  public static final Duration LOCAL_STORE_RETRY_LIMIT = Duration.ofDays(365);

  /** {@link #STORE} as a local activity: same timeout, same unlimited retries (see above). */
  public static final LocalActivityOptions LOCAL_STORE =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(STORE.getStartToCloseTimeout())
          .setScheduleToCloseTimeout(LOCAL_STORE_RETRY_LIMIT)
          .setRetryOptions(STORE.getRetryOptions())
          .build();

  /**
   * Copying a fork's reused steps ({@code ForkActivities.reuseSteps}): {@link #STORE}'s retries,
   * with room for a long source (every step's transcript is read and written once).
   */
  public static final ActivityOptions FORK_PREFIX =
      ActivityOptions.newBuilder(STORE).setStartToCloseTimeout(Duration.ofMinutes(2)).build();

  /**
   * A model call heartbeats (see {@code Heartbeats}); one silent for this long is taken as lost
   * with its worker and retried, instead of waiting out the whole attempt timeout.
   */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The kernel's policy for a step that met an outage of its own dependencies: scheduled again
   * after 1 s, doubling up to 30 s between tries, for as long as the run's time limit allows.
   */
  public static final Duration KERNEL_RETRY_INITIAL = Duration.ofSeconds(1);

  public static final Duration KERNEL_RETRY_MAX = Duration.ofSeconds(30);

  private RunActivityOptions() {}

  /** {@link #steps} with the heartbeat timeout, for model calls. */
  public static ActivityOptions modelSteps(RetrySpec retry) {
    return ActivityOptions.newBuilder(steps(retry)).setHeartbeatTimeout(HEARTBEAT_TIMEOUT).build();
  }

  /** {@link #steps} with the heartbeat timeout, for tool calls that reach the network. */
  public static ActivityOptions networkSteps(RetrySpec retry) {
    return modelSteps(retry);
  }

  /**
   * {@link #steps} with the heartbeat timeout, for turns of an HTTP agent: the worker heartbeats
   * while it waits for the agent, so a turn lost with its worker moves on within the timeout.
   */
  public static ActivityOptions agentTurns(RetrySpec retry) {
    return modelSteps(retry);
  }

  /** {@link #steps} as a local activity, for built-in tools (short, idempotent calls). */
  public static LocalActivityOptions localSteps(RetrySpec retry) {
    ActivityOptions options = steps(retry);
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(options.getStartToCloseTimeout())
        .setRetryOptions(options.getRetryOptions())
        .build();
  }

  public static ActivityOptions steps(RetrySpec retry) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(retry.attemptTimeoutSecondsOrDefault()))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setMaximumAttempts(retry.maxAttemptsOrDefault())
                .setInitialInterval(Duration.ofMillis(retry.initialIntervalMillisOrDefault()))
                .setBackoffCoefficient(retry.backoffCoefficientOrDefault())
                .setMaximumInterval(Duration.ofMillis(retry.maxIntervalMillisOrDefault()))
                // The kernel's own outages are retried by the workflow, not on the agent's budget.
                .setDoNotRetry(
                    ActivityFailureTypes.CLIENT_ERROR, ActivityFailureTypes.KERNEL_UNAVAILABLE)
                .build())
        .build();
  }
}
