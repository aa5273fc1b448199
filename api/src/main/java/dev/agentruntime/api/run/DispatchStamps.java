package dev.agentruntime.api.run;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * Stamps {@code dispatched_at} on admitted runs whose workflow has started, in batches off the
 * request path: one UPDATE for many runs instead of a second transaction per request. A stamp that
 * is lost (crash before the flush) only lets the reconciler start the run again, which the derived
 * workflow id and the use-existing policy make harmless.
 */
@ApplicationScoped
public class DispatchStamps {

  private static final Logger LOG = Logger.getLogger(DispatchStamps.class);
  private static final int BATCH = 500;

  private final ConcurrentLinkedQueue<UUID> pending = new ConcurrentLinkedQueue<>();
  private final EntityManager entityManager;

  public DispatchStamps(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  void add(UUID runId) {
    pending.add(runId);
  }

  @Scheduled(
      every = "${agent-runtime.dispatch-stamps.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void flush() {
    while (!pending.isEmpty()) {
      List<UUID> batch = new ArrayList<>(BATCH);
      for (UUID id = pending.poll();
          id != null;
          id = batch.size() < BATCH ? pending.poll() : null) {
        batch.add(id);
      }
      try {
        QuarkusTransaction.requiringNew()
            .run(
                () ->
                    entityManager
                        .createNativeQuery(
                            "update run set dispatched_at = now(), updated_at = now()"
                                + " where id = any(?1) and dispatched_at is null")
                        .setParameter(1, batch.toArray(UUID[]::new))
                        .executeUpdate());
      } catch (RuntimeException e) {
        LOG.warnf("could not stamp %d dispatched runs; the reconciler will: %s", batch.size(), e);
        return;
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    flush();
  }
}
