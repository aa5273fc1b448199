package dev.agentruntime.api.metrics;

import dev.agentruntime.api.error.DeliveryRefused;
import dev.agentruntime.api.error.DomainException;
import dev.agentruntime.api.problem.DatabaseUnavailable;
import dev.agentruntime.api.problem.DomainProblems;
import dev.agentruntime.api.run.AdmittedRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Inbound trigger deliveries by outcome (docs/observability.md#metrics): {@code admitted}, {@code
 * replayed}, or the refusal's reason ({@code bad_signature}, {@code stale_timestamp}, ...). No
 * tenant tag: a refused delivery may name no trigger of any tenant, and its sender is unproven.
 */
@ApplicationScoped
public class TriggerMetrics {

  private final MeterRegistry registry;

  public TriggerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Runs {@code delivery} and counts what it answered. */
  public AdmittedRun measure(Supplier<AdmittedRun> delivery) {
    String outcome = "error";
    try {
      AdmittedRun admitted = delivery.get();
      outcome = admitted.created() ? "admitted" : "replayed";
      return admitted;
    } catch (DeliveryRefused e) {
      outcome = e.reason().metricName();
      throw e;
    } catch (DomainException e) {
      outcome = AdmissionMetrics.reason(DomainProblems.of(e).status());
      throw e;
    } catch (RuntimeException e) {
      outcome = DatabaseUnavailable.isCause(e) ? "unavailable" : "error";
      throw e;
    } finally {
      Counter.builder("agent_runtime.trigger.deliveries")
          .description("Inbound trigger deliveries, by outcome")
          .tag("outcome", outcome)
          .register(registry)
          .increment();
    }
  }
}
