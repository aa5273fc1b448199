package dev.agentruntime.cli;

import dev.agentruntime.client.ApiException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Retries a call the API answered 429 or 503, after its {@code Retry-After}. Only for idempotent
 * calls (reads, and {@code POST /v1/runs} under its idempotency key): a refused write is not made
 * again. A {@code Retry-After} longer than {@link #MAX_WAIT} (a spent budget resets tomorrow) is
 * not waited for: the answer is reported.
 */
final class Retrier {

  /** Calls are tried this many times in all. */
  static final int ATTEMPTS = 5;

  /** The longest {@code Retry-After} waited for. */
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  /** A call of the generated client. */
  interface Call<T> {
    T call() throws ApiException;
  }

  /** Sleeping, so that tests need not wait. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final PrintStream err;
  private final Sleeper sleeper;

  Retrier(PrintStream err, Sleeper sleeper) {
    this.err = err;
    this.sleeper = sleeper;
  }

  <T> T idempotent(Call<T> call) throws ApiException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (ApiException e) {
        Duration wait = retryAfter(e, attempt);
        if (attempt >= ATTEMPTS || wait == null || wait.compareTo(MAX_WAIT) > 0) {
          throw e;
        }
        err.println(
            "agentctl: the API answered " + e.getCode() + "; trying again in " + seconds(wait));
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** How long to wait before retrying after {@code e}; null when it is not to be retried. */
  static Duration retryAfter(ApiException e, int attempt) {
    if (e.getCode() != 429 && e.getCode() != 503) {
      return null;
    }
    Duration fallback = Duration.ofMillis(500L << Math.min(attempt - 1, 6));
    Map<String, List<String>> headers =
        e.getResponseHeaders() == null ? Map.of() : e.getResponseHeaders().map();
    String value = null;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("Retry-After") && !header.getValue().isEmpty()) {
        value = header.getValue().get(0).strip();
      }
    }
    return value == null ? fallback : parseRetryAfter(value, fallback);
  }

  /** Retry-After is delay-seconds or an HTTP-date (RFC 9110, 10.2.3). */
  static Duration parseRetryAfter(String value, Duration fallback) {
    if (value.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
      return until.isNegative() ? Duration.ZERO : until;
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  private static String seconds(Duration wait) {
    return wait.toMillis() < 1000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s";
  }
}
