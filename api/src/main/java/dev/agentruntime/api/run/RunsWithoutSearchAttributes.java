package dev.agentruntime.api.run;

import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.SearchAttributesMissing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Makes each run whose workflow started without the run search attributes visible: a {@code
 * run.search_attributes.missing} event in its timeline (its key makes a second start attempt's
 * append a no-op) and a count by reason (docs/observability.md#metrics).
 */
@ApplicationScoped
class RunsWithoutSearchAttributes {

  private static final Logger LOG = Logger.getLogger(RunsWithoutSearchAttributes.class);

  private final RunRepository runs;
  private final MeterRegistry registry;

  RunsWithoutSearchAttributes(RunRepository runs, MeterRegistry registry) {
    this.runs = runs;
    this.registry = registry;
  }

  /** Records a start that happened; never fails it (the run is running either way). */
  void started(QueuedRun run, SearchAttributesMissing missing) {
    Counter.builder("agent_runtime.runs.started_without_search_attributes")
        .description("Run workflows started without the run search attributes, by reason")
        .tag("reason", missing.reason())
        .register(registry)
        .increment();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  runs.appendEvent(
                      run.tenantId(),
                      run.runId(),
                      RunEventKeys.SEARCH_ATTRIBUTES_MISSING,
                      missing));
    } catch (RuntimeException e) {
      LOG.warnf(
          "run %s started without search attributes; its event was not recorded: %s",
          run.runId(), LogSafe.escape(e.toString()));
    }
  }
}
