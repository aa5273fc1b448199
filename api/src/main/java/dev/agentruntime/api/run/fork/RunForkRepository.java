package dev.agentruntime.api.run.fork;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a fork reads of its source run and of the version asked for; tenant-first. */
@ApplicationScoped
public class RunForkRepository {

  /**
   * A run a fork may be taken from.
   *
   * @param steps the steps it recorded
   * @param pipeline whether its version is a pipeline
   * @param purging whether its purge has begun
   */
  public record Source(
      UUID runId,
      UUID agentId,
      String agentName,
      int agentVersion,
      String status,
      int steps,
      String inputJson,
      boolean pipeline,
      boolean purging) {}

  private static final String PIPELINE =
      "coalesce(jsonb_typeof(v.spec->'pipeline') = 'object', false)";

  public Optional<Source> source(String tenantId, UUID runId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select r.agent_id, a.name, v.version, r.status, r.steps, r.input::text, "
                    + PIPELINE
                    + ", r.purge_started_at is not null from run r"
                    + " join agent a on a.tenant_id = r.tenant_id and a.id = r.agent_id"
                    + " join agent_version v on v.tenant_id = r.tenant_id"
                    + " and v.id = r.agent_version_id"
                    + " where r.tenant_id = ?1 and r.id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = rows.get(0);
    return Optional.of(
        new Source(
            runId,
            (UUID) row[0],
            (String) row[1],
            ((Number) row[2]).intValue(),
            (String) row[3],
            ((Number) row[4]).intValue(),
            (String) row[5],
            (Boolean) row[6],
            (Boolean) row[7]));
  }

  /** Whether version {@code version} of the agent is a pipeline; empty when there is none. */
  public Optional<Boolean> isPipeline(String tenantId, UUID agentId, int version) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select "
                    + PIPELINE
                    + " from agent_version v where v.tenant_id = ?1 and v.agent_id = ?2"
                    + " and v.version = ?3")
            .setParameter(1, tenantId)
            .setParameter(2, agentId)
            .setParameter(3, version)
            .getResultList();
    return rows.isEmpty() ? Optional.empty() : Optional.of((Boolean) rows.get(0));
  }
}
