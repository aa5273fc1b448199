package dev.agentruntime.api.retention;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.RunPurged;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Legal holds on runs (V23). A hold is set only on a run whose purge has not begun: the purge marks
 * runs under a row lock, so a hold and a purge of the same run are ordered and the loser is told.
 */
@ApplicationScoped
public class RunHolds {

  @Transactional
  public RunHoldResponse hold(String tenantId, UUID runId, String actor) {
    em().createNativeQuery(
            "update run set held_at = now(), held_by = ?3 where tenant_id = ?1 and id = ?2"
                + " and held_at is null and purge_started_at is null")
        .setParameter(1, tenantId)
        .setParameter(2, runId)
        .setParameter(3, actor)
        .executeUpdate();
    Object[] row = find(tenantId, runId);
    if (row[0] == null) {
      throw new RunPurged(runId);
    }
    return new RunHoldResponse(runId, instant(row[0]), (String) row[1]);
  }

  @Transactional
  public void release(String tenantId, UUID runId) {
    find(tenantId, runId);
    em().createNativeQuery(
            "update run set held_at = null, held_by = null where tenant_id = ?1 and id = ?2")
        .setParameter(1, tenantId)
        .setParameter(2, runId)
        .executeUpdate();
  }

  /** The run's hold (at, by), null when it holds none. */
  private static Object[] find(String tenantId, UUID runId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery("select held_at, held_by from run where tenant_id = ?1 and id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .getResultList();
    if (rows.isEmpty()) {
      throw new NotFound("Run " + runId);
    }
    return rows.get(0);
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
