package dev.agentruntime.api.run.lineage;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import dev.agentruntime.api.run.RunSourceResponse;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The runs of a lineage (V25's run.source_run_id); every method is tenant-first. */
@ApplicationScoped
public class RunLineageRepository {

  /** Every column of a {@link LineageRun}, of the run aliased {@code r}. */
  private static final String COLUMNS =
      " r.id, v.version, r.alias_name, r.status, r.created_at, r.source_run_id, r.source_kind,"
          + " r.fork_step, r.purge_started_at is not null,"
          // Served by the run_source index, one probe per listed run.
          + " (select count(*) from run d where d.tenant_id = r.tenant_id"
          + " and d.source_run_id = r.id)"
          + " from run r join agent_version v on v.tenant_id = r.tenant_id"
          + " and v.id = r.agent_version_id";

  /**
   * The run and up to {@code limit} of its sources, nearest first, each found within the tenant
   * only: a source is always a run of the same tenant (admit_run checks it), and a chain that left
   * the tenant would end here rather than show another tenant's run.
   */
  @SuppressWarnings("unchecked")
  public List<LineageRun> runAndSources(String tenantId, UUID runId, int limit) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "with recursive up (id, source_run_id, n) as ("
                    + " select id, source_run_id, 0 from run where tenant_id = ?1 and id = ?2"
                    + " union all"
                    + " select p.id, p.source_run_id, up.n + 1 from up"
                    + " join run p on p.tenant_id = ?1 and p.id = up.source_run_id"
                    + " where up.n < ?3)"
                    + " select"
                    + COLUMNS
                    + " join up on up.id = r.id where r.tenant_id = ?1 order by up.n")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream().map(RunLineageRepository::lineageRun).toList();
  }

  /** Up to {@code limit} runs forked or replayed from {@code runId}, oldest first. */
  @SuppressWarnings("unchecked")
  public List<LineageRun> derivedFrom(String tenantId, UUID runId, int limit) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select"
                    + COLUMNS
                    + " where r.tenant_id = ?1 and r.source_run_id = ?2"
                    + " order by r.created_at, r.id limit ?3")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream().map(RunLineageRepository::lineageRun).toList();
  }

  private static LineageRun lineageRun(Object[] row) {
    return new LineageRun(
        (UUID) row[0],
        ((Number) row[1]).intValue(),
        (String) row[2],
        (String) row[3],
        instant(row[4]),
        RunSourceResponse.of(
            (UUID) row[5], (String) row[6], row[7] == null ? null : ((Number) row[7]).intValue()),
        (Boolean) row[8],
        ((Number) row[9]).longValue());
  }
}
