package dev.agentruntime.api.metrics;

import dev.agentruntime.api.error.DomainException;
import dev.agentruntime.api.problem.DatabaseUnavailable;
import dev.agentruntime.api.problem.DomainProblems;
import dev.agentruntime.api.run.AdmittedRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Meters of run admission (docs/observability.md#metrics): runs admitted by tenant and agent,
 * refusals by reason, and the latency of {@code POST /v1/runs} from the resource method in. Tenant
 * and agent names are bounded by the database; the latency histogram carries only the outcome, so
 * its bucket series do not multiply by tenant.
 */
@ApplicationScoped
public class AdmissionMetrics {

  private final MeterRegistry registry;

  public AdmissionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Runs {@code admission} for {@code tenant}, timing it and counting what it answered: a run
   * created (a replay of an idempotent request creates nothing and is not counted), or a refusal.
   */
  public AdmittedRun measure(String tenant, Supplier<AdmittedRun> admission) {
    long started = System.nanoTime();
    String outcome = "refused";
    try {
      AdmittedRun admitted = admission.get();
      if (admitted.created()) {
        Counter.builder("agent_runtime.runs.admitted")
            .description("Runs admitted (created) by POST /v1/runs")
            .tag("tenant", tenant)
            .tag("agent", admitted.run().agentName())
            .register(registry)
            .increment();
        outcome = "admitted";
      } else {
        outcome = "replayed";
      }
      return admitted;
    } catch (DomainException e) {
      refused(tenant, reason(DomainProblems.of(e).status()));
      throw e;
    } catch (RuntimeException e) {
      // Mapped to a problem answer later (ProblemMappers): 503 when the database is unreachable.
      refused(tenant, DatabaseUnavailable.isCause(e) ? "unavailable" : "error");
      throw e;
    } finally {
      Timer.builder("agent_runtime.admission")
          .description("Latency of POST /v1/runs, by outcome")
          .tag("outcome", outcome)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(10))
          .register(registry)
          .record(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private void refused(String tenant, String reason) {
    Counter.builder("agent_runtime.runs.refused")
        .description("Run requests POST /v1/runs refused, by reason")
        .tag("tenant", tenant)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** A fixed set of reasons, never the problem's text. */
  static String reason(int status) {
    return switch (status) {
      case 400 -> "invalid";
      case 404 -> "not_found";
      case 422 -> "idempotency_conflict";
      case 429 -> "rate_limited";
      case 503 -> "unavailable";
      default -> "error";
    };
  }
}
