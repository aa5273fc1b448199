package dev.agentruntime.api.run;

import dev.agentruntime.core.run.QueuedRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The reconciler's queue: accepted runs whose workflow start was never confirmed. It spans all
 * tenants because the reconciler is a system process acting for all of them; nothing a client sends
 * reaches it.
 */
@ApplicationScoped
public class UndispatchedRuns {

  private final EntityManager em;

  public UndispatchedRuns(EntityManager em) {
    this.em = em;
  }

  /**
   * Locks and returns up to {@code limit} runs older than {@code grace} that were never dispatched.
   * Rows another instance is already handling are skipped. Must run inside a transaction, which
   * holds the locks.
   */
  public List<QueuedRun> lockOlderThan(Duration grace, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select r.tenant_id, r.id, r.agent_id, a.name, r.agent_version_id, v.version,"
                    + " r.workflow_id from run r"
                    + " join agent a on a.tenant_id = r.tenant_id and a.id = r.agent_id"
                    + " join agent_version v on v.tenant_id = r.tenant_id"
                    + " and v.id = r.agent_version_id"
                    + " where r.dispatched_at is null"
                    + " and r.created_at <= now() - make_interval(secs => ?1)"
                    + " order by r.created_at limit ?2"
                    + " for update of r skip locked")
            .setParameter(1, grace.toMillis() / 1000.0)
            .setParameter(2, limit)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new QueuedRun(
                    (String) row[0],
                    (UUID) row[1],
                    (UUID) row[2],
                    (String) row[3],
                    (UUID) row[4],
                    ((Number) row[5]).intValue(),
                    (String) row[6]))
        .toList();
  }
}
