package dev.agentruntime.core.spec;

/**
 * Timeout and retry policy applied to every activity (model call, tool call) of a run. Temporal
 * retries a failed or timed-out attempt; the model client itself never retries, so every attempt is
 * visible in the run's events.
 *
 * @param maxAttempts attempts per activity including the first, 1 to 100; default 5
 * @param initialIntervalMillis wait before the first retry, 10 to 3,600,000; default 1,000
 * @param backoffCoefficient growth of the wait per retry, 1.0 to 10.0; default 2.0
 * @param maxIntervalMillis cap on the wait, at least the initial interval; default 30,000
 * @param attemptTimeoutSeconds start-to-close timeout of one attempt, 1 to 3,600; default 120
 */
public record RetrySpec(
    Integer maxAttempts,
    Long initialIntervalMillis,
    Double backoffCoefficient,
    Long maxIntervalMillis,
    Integer attemptTimeoutSeconds) {

  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final long DEFAULT_INITIAL_INTERVAL_MILLIS = 1_000;
  public static final double DEFAULT_BACKOFF_COEFFICIENT = 2.0;
  public static final long DEFAULT_MAX_INTERVAL_MILLIS = 30_000;
  public static final int DEFAULT_ATTEMPT_TIMEOUT_SECONDS = 120;

  public int maxAttemptsOrDefault() {
    return maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
  }

  public long initialIntervalMillisOrDefault() {
    return initialIntervalMillis == null ? DEFAULT_INITIAL_INTERVAL_MILLIS : initialIntervalMillis;
  }

  public double backoffCoefficientOrDefault() {
    return backoffCoefficient == null ? DEFAULT_BACKOFF_COEFFICIENT : backoffCoefficient;
  }

  public long maxIntervalMillisOrDefault() {
    return maxIntervalMillis == null
        ? Math.max(DEFAULT_MAX_INTERVAL_MILLIS, initialIntervalMillisOrDefault())
        : maxIntervalMillis;
  }

  public int attemptTimeoutSecondsOrDefault() {
    return attemptTimeoutSeconds == null ? DEFAULT_ATTEMPT_TIMEOUT_SECONDS : attemptTimeoutSeconds;
  }
}
