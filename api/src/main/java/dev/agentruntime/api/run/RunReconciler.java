package dev.agentruntime.api.run;

import dev.agentruntime.core.run.QueuedRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Repairs the gap between accepting a run and starting its workflow: a run whose start was never
 * confirmed (the API crashed, or Temporal was down) is started here. Rows are locked with skip
 * locked, so several API instances share the work without starting a run twice.
 */
@ApplicationScoped
public class RunReconciler {

  private static final Logger LOG = Logger.getLogger(RunReconciler.class);
  private static final int BATCH = 100;

  private final UndispatchedRuns queue;
  private final RunRepository runs;
  private final RunDispatcher dispatcher;
  private final Duration grace;

  public RunReconciler(
      UndispatchedRuns queue,
      RunRepository runs,
      RunDispatcher dispatcher,
      @ConfigProperty(name = "agent-runtime.reconciler.grace") Duration grace) {
    this.queue = queue;
    this.runs = runs;
    this.dispatcher = dispatcher;
    this.grace = grace;
  }

  @Scheduled(
      identity = "run-reconciler",
      every = "${agent-runtime.reconciler.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      int started = reconcile(grace);
      if (started > 0) {
        LOG.infof("reconciler started %d undispatched runs", started);
      }
    } catch (RuntimeException e) {
      LOG.warnf("reconciler pass failed: %s", e.toString());
    }
  }

  /**
   * One pass: starts the workflows of up to one batch of runs accepted more than {@code olderThan}
   * ago and never dispatched. Stops at the first start that fails (Temporal is most likely down),
   * leaving the rest for the next pass.
   *
   * @return how many runs were dispatched
   */
  public int reconcile(Duration olderThan) {
    return QuarkusTransaction.requiringNew()
        .timeout(600)
        .call(
            () -> {
              List<QueuedRun> due = queue.lockOlderThan(olderThan, BATCH);
              int dispatched = 0;
              for (QueuedRun run : due) {
                if (!dispatcher.start(run)) {
                  break;
                }
                runs.markDispatched(run.tenantId(), run.runId());
                dispatched++;
              }
              return dispatched;
            });
  }
}
