package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.spec.RetrySpec;
import dev.agentruntime.worker.activity.WorkerFailures;
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
                  .setDoNotRetry(WorkerFailures.CLIENT_ERROR)
                  .build())
          .build();

  /** {@link #STORE} as a local activity: same timeout, same unlimited retries. */
  public static final LocalActivityOptions LOCAL_STORE =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(STORE.getStartToCloseTimeout())
          .setRetryOptions(STORE.getRetryOptions())
          .build();

  private RunActivityOptions() {}

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
                .setDoNotRetry(WorkerFailures.CLIENT_ERROR)
                .build())
        .build();
  }
}
