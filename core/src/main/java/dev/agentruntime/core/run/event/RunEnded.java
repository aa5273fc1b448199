package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentruntime.core.workflow.RunOutcome;

/**
 * The event that closes a run's timeline ({@code run.succeeded}, {@code run.failed}, {@code
 * run.timed_out} or {@code run.cancelled}); nothing is appended after it. {@code status} repeats
 * the type as the run's status; {@code reason} is absent on success.
 */
public sealed interface RunEnded extends RunEventPayload {

  String status();

  int steps();

  long totalTokens();

  String reason();

  /**
   * The closing event of a run that ended with {@code outcome}.
   *
   * @throws IllegalArgumentException when its status is not terminal
   */
  static RunEnded of(RunOutcome outcome) {
    String status = outcome.status().wireName();
    int steps = outcome.steps();
    long tokens = outcome.totalTokens();
    String reason = outcome.reason();
    return switch (outcome.status()) {
      case SUCCEEDED -> new Succeeded(status, steps, tokens, reason);
      case FAILED -> new Failed(status, steps, tokens, reason);
      case TIMED_OUT -> new TimedOut(status, steps, tokens, reason);
      case CANCELLED -> new Cancelled(status, steps, tokens, reason);
      default -> throw new IllegalArgumentException(outcome.status() + " is not a terminal status");
    };
  }

  record Succeeded(
      String status,
      int steps,
      long totalTokens,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
      implements RunEnded {}

  record Failed(
      String status,
      int steps,
      long totalTokens,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
      implements RunEnded {}

  record TimedOut(
      String status,
      int steps,
      long totalTokens,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
      implements RunEnded {}

  record Cancelled(
      String status,
      int steps,
      long totalTokens,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
      implements RunEnded {}
}
