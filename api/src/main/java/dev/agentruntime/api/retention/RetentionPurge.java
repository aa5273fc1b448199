package dev.agentruntime.api.retention;

import dev.agentruntime.api.retention.RetentionRepository.PurgeTarget;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.storage.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Purges finished runs past their retention (docs/architecture.md#retention). Persist, then act: a
 * pass first commits the mark of the runs it will purge; then, one run per transaction, it deletes
 * the run's objects and then its rows, and the mark of the end commits with the rows. A crash
 * anywhere leaves marked runs that the next pass (of any replica) finishes; the row lock (SKIP
 * LOCKED) keeps two replicas off the same run. Nothing not marked is ever deleted, and only a run
 * due, not held and finished is marked.
 */
@ApplicationScoped
public class RetentionPurge {

  private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

  private final RetentionRepository runs;
  private final ObjectStore objects;
  private final RetentionSettings settings;

  RetentionPurge(RetentionRepository runs, ObjectStore objects, RetentionSettings settings) {
    this.runs = runs;
    this.objects = objects;
    this.settings = settings;
  }

  @Scheduled(
      identity = "retention-purge",
      every = "${agent-runtime.retention.purge-interval}",
      delayed = "${agent-runtime.retention.purge-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      int purged = pass();
      if (purged > 0) {
        LOG.infof("retention purge removed the data of %d runs", purged);
      }
    } catch (RuntimeException e) {
      // The object store or the database is away: the marked runs wait for the next pass.
      LOG.warnf("retention purge pass failed: %s", LogSafe.escape(e.toString()));
    }
  }

  /**
   * One pass: marks the runs due (at most the batch), then purges marked runs (at most the batch,
   * those a crash left first).
   *
   * @return how many runs it purged
   */
  public int pass() {
    int batch = settings.purgeBatch();
    QuarkusTransaction.requiringNew()
        .run(() -> runs.markDue(settings.succeededRunsDays(), settings.failedRunsDays(), batch));
    int purged = 0;
    while (purged < batch && purgeNext()) {
      purged++;
    }
    return purged;
  }

  /** Purges one marked run; false when none is left that no other pass holds. */
  private boolean purgeNext() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Optional<PurgeTarget> next = runs.lockNextMarked();
              if (next.isEmpty()) {
                return false;
              }
              PurgeTarget run = next.get();
              // Objects first: a crash after this leaves the rows and the mark, and the next pass
              // finds no objects left and deletes the rows.
              objects.deleteUnder(RunObjectKeys.runPrefix(run.tenantId(), run.runId()));
              runs.eraseRows(run.tenantId(), run.runId());
              return true;
            });
  }
}
