package dev.agentruntime.api.run;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.RunEventJson;
import dev.agentruntime.core.run.event.RunEventPayload;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
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

  /**
   * Up to {@code limit} runs matching {@code query}, newest first by (created_at, id), strictly
   * after {@code after} when it is given (keyset paging; see {@link RunCursor}).
   */
  public List<RunView> listViews(String tenantId, RunListQuery query, RunCursor after, int limit) {
    StringBuilder jpql = new StringBuilder(VIEW);
    if (!query.statuses().isEmpty()) {
      jpql.append(" and r.status in :statuses");
    }
    if (query.agentId() != null) {
      jpql.append(" and r.agentId = :agentId");
    }
    if (query.agentName() != null) {
      jpql.append(" and a.name = :agentName");
    }
    if (query.origin() != null) {
      jpql.append(" and r.origin = :origin");
    }
    if (query.parentRunId() != null) {
      jpql.append(" and r.parentRunId = :parentRunId");
    }
    if (query.rootRunId() != null) {
      jpql.append(" and r.rootRunId = :rootRunId");
    }
    if (query.sourceRunId() != null) {
      jpql.append(" and r.sourceRunId = :sourceRunId");
    }
    if (query.createdAfter() != null) {
      jpql.append(" and r.createdAt >= :createdAfter");
    }
    if (query.createdBefore() != null) {
      jpql.append(" and r.createdAt < :createdBefore");
    }
    if (after != null) {
      // A row comparison, so PostgreSQL starts the index scan at the position.
      jpql.append(" and (r.createdAt, r.id) < (:afterCreatedAt, :afterId)");
    }
    jpql.append(" order by r.createdAt desc, r.id desc");
    TypedQuery<Object[]> select =
        getEntityManager()
            .createQuery(jpql.toString(), Object[].class)
            .setParameter("tenant", tenantId)
            .setMaxResults(limit);
    if (!query.statuses().isEmpty()) {
      select.setParameter("statuses", query.statuses().stream().map(RunStatus::wireName).toList());
    }
    if (query.agentId() != null) {
      select.setParameter("agentId", query.agentId());
    }
    if (query.agentName() != null) {
      select.setParameter("agentName", query.agentName());
    }
    if (query.origin() != null) {
      select.setParameter("origin", query.origin().wireName());
    }
    if (query.parentRunId() != null) {
      select.setParameter("parentRunId", query.parentRunId());
    }
    if (query.rootRunId() != null) {
      select.setParameter("rootRunId", query.rootRunId());
    }
    if (query.sourceRunId() != null) {
      select.setParameter("sourceRunId", query.sourceRunId());
    }
    if (query.createdAfter() != null) {
      select.setParameter("createdAfter", query.createdAfter());
    }
    if (query.createdBefore() != null) {
      select.setParameter("createdBefore", query.createdBefore());
    }
    if (after != null) {
      select.setParameter("afterCreatedAt", after.createdAt()).setParameter("afterId", after.id());
    }
    return select.getResultStream().map(RunRepository::view).toList();
  }

  /** The runs of these ids (those of the tenant), in tree order: by depth, then as listed. */
  public List<RunView> listViewsInTreeOrder(String tenantId, Collection<UUID> runIds) {
    if (runIds.isEmpty()) {
      return List.of();
    }
    return getEntityManager()
        .createQuery(VIEW + " and r.id in :ids order by r.depth, r.createdAt, r.id", Object[].class)
        .setParameter("tenant", tenantId)
        .setParameter("ids", runIds)
        .getResultStream()
        .map(RunRepository::view)
        .toList();
  }

  public boolean exists(String tenantId, UUID runId) {
    return count("tenantId = ?1 and id = ?2", tenantId, runId) > 0;
  }

  public boolean hasIdempotencyKey(String tenantId, String key) {
    return count("tenantId = ?1 and idempotencyKey = ?2", tenantId, key) > 0;
  }

  /**
   * Appends an event through the schema's idempotent append function; returns its seq. The type is
   * the payload record's, so the API appends only core's types, each with its own shape.
   */
  public int appendEvent(String tenantId, UUID runId, String eventKey, RunEventPayload payload) {
    Object seq =
        getEntityManager()
            .createNativeQuery("select append_run_event(?1, ?2, ?3, ?4, cast(?5 as jsonb))")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .setParameter(3, eventKey)
            .setParameter(4, payload.type())
            .setParameter(5, RunEventJson.write(payload))
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
