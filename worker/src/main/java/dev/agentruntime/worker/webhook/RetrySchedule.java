package dev.agentruntime.worker.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** When a failed attempt is tried again: the schedule's next wait, jittered, or a Retry-After. */
final class RetrySchedule {

  private final WebhookSettings settings;

  RetrySchedule(WebhookSettings settings) {
    this.settings = settings;
  }

  /**
   * The wait after attempt {@code attempt} (from 1) failed, or empty when it was the last one.
   *
   * @param retryAfter the answer's {@code Retry-After} header, or null: when longer than the
   *     schedule's wait (up to {@link WebhookSettings#maxRetryAfter()}), it is the wait
   */
  Optional<Duration> after(int attempt, String retryAfter, Instant now) {
    if (attempt > settings.retrySchedule().size()) {
      return Optional.empty();
    }
    Duration scheduled = jittered(settings.retrySchedule().get(attempt - 1));
    Duration asked = retryAfter(retryAfter, now).orElse(Duration.ZERO);
    if (asked.compareTo(settings.maxRetryAfter()) > 0) {
      asked = settings.maxRetryAfter();
    }
    return Optional.of(asked.compareTo(scheduled) > 0 ? asked : scheduled);
  }

  private Duration jittered(Duration wait) {
    double factor = 1 + settings.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofMillis(Math.round(wait.toMillis() * factor));
  }

  /** RFC 9110: delay-seconds or an HTTP date; anything else is ignored. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    if (trimmed.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Optional.of(Duration.between(now, at)) : Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
