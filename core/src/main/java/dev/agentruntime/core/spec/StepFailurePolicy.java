package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a pipeline does when a step's child run fails (or its input cannot be built).
 *
 * @param action {@code fail} ends the pipeline failed; {@code continue} records the step as failed
 *     and runs the next stages; {@code retry} starts a new child run, up to {@code maxAttempts}
 *     runs in all, then fails the pipeline
 * @param maxAttempts only with {@code retry}: child runs in all, the first included, {@value
 *     #MIN_ATTEMPTS} to {@value #MAX_ATTEMPTS}; default {@value #DEFAULT_MAX_ATTEMPTS}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepFailurePolicy(Action action, Integer maxAttempts) {

  public static final int MIN_ATTEMPTS = 2;
  public static final int MAX_ATTEMPTS = 10;
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public static final StepFailurePolicy FAIL = new StepFailurePolicy(Action.FAIL, null);

  /** How many child runs the step may start: 1 unless it retries. */
  @JsonIgnore // derived, not a field of the stored JSON
  public int attempts() {
    if (action != Action.RETRY) {
      return 1;
    }
    return maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
  }

  public enum Action {
    @JsonProperty("fail")
    FAIL,
    @JsonProperty("continue")
    CONTINUE,
    @JsonProperty("retry")
    RETRY
  }
}
