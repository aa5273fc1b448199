package dev.agentruntime.api.run;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs of one tenant: every method takes the tenant first. */
@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<RunEntity, UUID> {

  private static final String VIEW =
      "select r, a.name, v.version from RunEntity r"
          + " join AgentEntity a on a.tenantId = r.tenantId and a.id = r.agentId"
          + " join AgentVersionEntity v on v.tenantId = r.tenantId and v.id = r.agentVersionId"
          + " where r.tenantId = :tenant";

  /** A run with the name of its agent and the number of its version. */
  public record RunView(RunEntity run, String agentName, int agentVersion) {}

  public Optional<RunView> findView(String tenantId, UUID runId) {
    return getEntityManager()
        .createQuery(VIEW + " and r.id = :id", Object[].class)
        .setParameter("tenant", tenantId)
        .setParameter("id", runId)
        .getResultStream()
        .findFirst()
        .map(RunRepository::view);
  }

  public List<RunView> listViews(String tenantId, int limit) {
    return getEntityManager()
        .createQuery(VIEW + " order by r.createdAt desc, r.id", Object[].class)
        .setParameter("tenant", tenantId)
        .setMaxResults(limit)
        .getResultStream()
        .map(RunRepository::view)
        .toList();
  }

  public boolean exists(String tenantId, UUID runId) {
    return count("tenantId = ?1 and id = ?2", tenantId, runId) > 0;
  }

  public Optional<RunEntity> findByIdempotencyKey(String tenantId, String key) {
    return find("tenantId = ?1 and idempotencyKey = ?2", tenantId, key).firstResultOptional();
  }

  /** Appends an event through the schema's idempotent append function; returns its seq. */
  public int appendEvent(
      String tenantId, UUID runId, String eventKey, String type, String payloadJson) {
    Object seq =
        getEntityManager()
            .createNativeQuery("select append_run_event(?1, ?2, ?3, ?4, cast(?5 as jsonb))")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .setParameter(3, eventKey)
            .setParameter(4, type)
            .setParameter(5, payloadJson)
            .getSingleResult();
    return ((Number) seq).intValue();
  }

  /** Records that the run's workflow start was confirmed; a no-op when already recorded. */
  public void markDispatched(String tenantId, UUID runId) {
    getEntityManager()
        .createNativeQuery(
            "update run set dispatched_at = now(), updated_at = now()"
                + " where tenant_id = ?1 and id = ?2 and dispatched_at is null")
        .setParameter(1, tenantId)
        .setParameter(2, runId)
        .executeUpdate();
  }

  private static RunView view(Object[] row) {
    return new RunView((RunEntity) row[0], (String) row[1], ((Number) row[2]).intValue());
  }
}
