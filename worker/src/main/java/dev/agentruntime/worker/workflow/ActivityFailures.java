package dev.agentruntime.worker.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/** How a run's record words an activity that failed for good. */
final class ActivityFailures {

  private ActivityFailures() {}

  /** The readable cause of an activity that failed for good: its last attempt's failure. */
  static String reason(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof TimeoutFailure timeout) {
      String last =
          timeout.getCause() instanceof TemporalFailure lastAttempt
              ? " (last attempt: " + lastAttempt.getOriginalMessage() + ")"
              : "";
      return "timed out (" + timeout.getTimeoutType() + ")" + last;
    }
    if (cause instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    if (cause instanceof TemporalFailure temporal) {
      return temporal.getOriginalMessage();
    }
    return cause != null ? cause.getMessage() : failure.getOriginalMessage();
  }
}
