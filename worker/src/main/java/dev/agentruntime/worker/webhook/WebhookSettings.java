package dev.agentruntime.worker.webhook;

import java.time.Duration;
import java.util.List;

/**
 * How the worker sends webhooks (docs/operations.md, {@code agent-runtime.webhooks.*}).
 *
 * @param retrySchedule the wait before each retry: the first attempt goes out at once, retry n
 *     after the n-th entry (each spread by {@code jitter}); after the last one the delivery fails.
 *     Default the Standard Webhooks schedule: 5s, 5m, 30m, 2h, 5h, 10h, 10h (8 attempts over about
 *     28 hours)
 * @param jitter the fraction (0 to 1) by which each wait is randomly lengthened or shortened, so
 *     the deliveries of one outage do not all retry at the same instant. Default 0.2
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one waits this. Default
 *     1h
 * @param attemptTimeout the total time one attempt may take (connect, send, answer). Default 15s
 * @param pollInterval how often a sender looks for due deliveries when no notification woke it.
 *     Default 1s
 * @param concurrency how many attempts one worker makes at once. Default 8
 */
public record WebhookSettings(
    List<Duration> retrySchedule,
    double jitter,
    Duration maxRetryAfter,
    Duration attemptTimeout,
    Duration pollInterval,
    int concurrency) {

  public static final List<Duration> STANDARD_SCHEDULE =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(10));

  public WebhookSettings {
    retrySchedule = List.copyOf(retrySchedule);
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("agent-runtime.webhooks.jitter must be between 0 and 1");
    }
    if (!attemptTimeout.isPositive() || !pollInterval.isPositive() || concurrency < 1) {
      throw new IllegalArgumentException(
          "agent-runtime.webhooks: the attempt timeout, poll interval and concurrency must be"
              + " positive");
    }
  }

  /** How long a claim holds a delivery: the attempt's cap and a margin for recording it. */
  Duration lease() {
    return attemptTimeout.plusSeconds(15);
  }
}
