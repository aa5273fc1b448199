package dev.agentruntime.core.spec;

/**
 * The budget of one run. A run that exhausts it ends as failed (steps, tokens) or timed_out (time).
 *
 * @param maxSteps model calls allowed per run, 1 to 100; default 10
 * @param maxTokens input plus output tokens allowed per run; default 100,000
 * @param timeoutSeconds wall-clock budget of a run, 1 to 86,400; default 600
 */
public record LimitsSpec(Integer maxSteps, Integer maxTokens, Integer timeoutSeconds) {

  public static final int DEFAULT_MAX_STEPS = 10;
  public static final int DEFAULT_MAX_TOKENS = 100_000;
  public static final int DEFAULT_TIMEOUT_SECONDS = 600;

  public int maxStepsOrDefault() {
    return maxSteps == null ? DEFAULT_MAX_STEPS : maxSteps;
  }

  public int maxTokensOrDefault() {
    return maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
  }

  public int timeoutSecondsOrDefault() {
    return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }
}
