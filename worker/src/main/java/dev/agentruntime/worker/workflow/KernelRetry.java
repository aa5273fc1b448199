package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Runs a step again when it failed on an outage of the kernel's own dependencies, under the
 * kernel's policy rather than the agent's: with backoff from {@link
 * RunActivityOptions#KERNEL_RETRY_INITIAL} to {@link RunActivityOptions#KERNEL_RETRY_MAX}, without
 * a limit of its own; the run's deadline, which cancels the loop, bounds it. Workflow code: time
 * only through {@link Workflow}.
 */
final class KernelRetry {

  private KernelRetry() {}

  static <T> T call(Functions.Func<T> step) {
    Duration wait = RunActivityOptions.KERNEL_RETRY_INITIAL;
    while (true) {
      try {
        return step.apply();
      } catch (ActivityFailure e) {
        if (!isKernelUnavailable(e)) {
          throw e;
        }
        Workflow.sleep(wait);
        wait = wait.multipliedBy(2);
        if (wait.compareTo(RunActivityOptions.KERNEL_RETRY_MAX) > 0) {
          wait = RunActivityOptions.KERNEL_RETRY_MAX;
        }
      }
    }
  }

  static boolean isKernelUnavailable(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure application
        && ActivityFailureTypes.KERNEL_UNAVAILABLE.equals(application.getType());
  }
}
