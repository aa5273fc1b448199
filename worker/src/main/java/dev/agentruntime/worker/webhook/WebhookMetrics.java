package dev.agentruntime.worker.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The webhook sender's meters (docs/observability.md#metrics): attempts by outcome, each attempt's
 * latency, and the lag from an event's append to its delivery. Labels are bounded: the outcome is
 * one of {@link Outcome}; no tenant, URL or id is a label.
 */
@Singleton
public class WebhookMetrics {

  /** What one attempt came to. */
  public enum Outcome {
    DELIVERED,
    RETRY,
    FAILED,
    GONE,
    ABANDONED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void attempt(Outcome outcome, Duration latency) {
    Counter.builder("agent_runtime.webhooks.attempts")
        .description("Webhook delivery attempts by outcome")
        .tag("outcome", outcome.label())
        .register(registry)
        .increment();
    if (latency != null) {
      Timer.builder("agent_runtime.webhooks.attempt")
          .description("Latency of webhook delivery attempts that reached the endpoint")
          .tag("outcome", outcome.label())
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofMinutes(1))
          .register(registry)
          .record(latency);
    }
  }

  /** A delivery succeeded {@code lag} after its event was appended. */
  void delivered(Duration lag) {
    Timer.builder("agent_runtime.webhooks.delivery.lag")
        .description("Time from a run event's append to its webhook delivery")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(30))
        .register(registry)
        .record(lag);
  }
}
