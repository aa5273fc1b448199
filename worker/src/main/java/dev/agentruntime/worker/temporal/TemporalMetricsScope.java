package dev.agentruntime.worker.temporal;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Temporal SDK reports its client and worker metrics (polls, task latencies, slots, request
 * failures) to a Tally scope; this one forwards them to the application's Micrometer registry, so
 * they appear in {@code /q/metrics} beside the worker's own (names in docs/observability.md).
 */
public class TemporalMetricsScope {

  private static final Logger LOG = Logger.getLogger(TemporalMetricsScope.class);

  @Produces
  @Singleton
  Scope temporalMetrics(
      MeterRegistry registry,
      @ConfigProperty(name = "agent-runtime.metrics.temporal-report-interval") Duration every) {
    // Tally buffers between reports; a report interval well under the scrape interval keeps the
    // scraped values current.
    return new RootScopeBuilder()
        .reporter(new Reporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofMillis(every.toMillis()));
  }

  void close(@Disposes Scope scope) {
    try {
      scope.close(); // reports what is buffered one last time and stops the reporting thread
    } catch (ScopeCloseException e) {
      LOG.debugf("Temporal metrics scope did not close cleanly: %s", e.toString());
    }
  }

  /**
   * The SDK's reporter closes its registry when the scope closes; this registry is the
   * application's, which Quarkus closes itself, after every meter's last use.
   */
  private static final class Reporter extends MicrometerClientStatsReporter {

    Reporter(MeterRegistry registry) {
      super(registry);
    }

    @Override
    public void close() {
      // the registry is not ours to close
    }
  }
}
