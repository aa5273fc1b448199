package dev.agentruntime.api.retention;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The purge's rows (V23): which finished runs are due, the run a pass works on, and the erasure of
 * a run's rows. Each method runs in its caller's transaction.
 */
@ApplicationScoped
class RetentionRepository {

  /** A run being purged. */
  record PurgeTarget(String tenantId, UUID runId) {}

  /**
   * Marks up to {@code limit} runs due for their purge: finished longer ago than their tenant's
   * retention, their tree's root finished too, neither the run, its root nor its tenant held, and
   * the tenant not being deleted (its deletion erases everything). Runs another pass holds locked
   * are skipped, so two API replicas never mark the same run.
   *
   * @return how many it marked
   */
  int markDue(int succeededDays, int failedDays, int limit) {
    return em().createNativeQuery(
            "update run set purge_started_at = now() where id in (select r.id from run r"
                + " join run root on root.tenant_id = r.tenant_id"
                + "  and root.id = coalesce(r.root_run_id, r.id)"
                + " left join tenant_policy p on p.tenant_id = r.tenant_id"
                + " where r.purge_started_at is null and r.finished_at is not null"
                + " and r.status in ('succeeded', 'failed', 'cancelled', 'timed_out')"
                + " and root.status in ('succeeded', 'failed', 'cancelled', 'timed_out')"
                + " and r.held_at is null and root.held_at is null"
                + " and not coalesce(p.legal_hold, false)"
                + " and not exists (select 1 from tenant_deletion d where d.tenant_id = r.tenant_id)"
                // The shortest retention anywhere first, so the index on finished_at narrows.
                + " and r.finished_at < now() - make_interval(days => (select least(?1, ?2,"
                + "  min(keep_succeeded_runs_days), min(keep_failed_runs_days)) from tenant_policy))"
                + " and r.finished_at < now() - make_interval(days => case when r.status ="
                + "  'succeeded' then coalesce(p.keep_succeeded_runs_days, ?1)"
                + "  else coalesce(p.keep_failed_runs_days, ?2) end)"
                + " order by r.finished_at limit ?3 for update of r skip locked)")
        .setParameter(1, succeededDays)
        .setParameter(2, failedDays)
        .setParameter(3, limit)
        .executeUpdate();
  }

  /**
   * Locks the next marked run whose purge is not finished, one no other pass holds: a run marked by
   * this pass, or one a crash left half-way.
   */
  Optional<PurgeTarget> lockNextMarked() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select tenant_id, id from run where purge_started_at is not null"
                    + " and purged_at is null order by purge_started_at limit 1"
                    + " for update skip locked")
            .getResultList();
    return rows.stream().findFirst().map(row -> new PurgeTarget((String) row[0], (UUID) row[1]));
  }

  /**
   * Deletes the run's rows that its data lives in (events, artifacts' rows, approvals, webhook
   * deliveries) and marks its purge finished. The run row and its model_usage rows stay.
   */
  void eraseRows(String tenantId, UUID runId) {
    for (String table : List.of("webhook_delivery", "run_approval", "artifact", "run_event")) {
      em().createNativeQuery("delete from " + table + " where tenant_id = ?1 and run_id = ?2")
          .setParameter(1, tenantId)
          .setParameter(2, runId)
          .executeUpdate();
    }
    em().createNativeQuery(
            "update run set purged_at = now(), updated_at = now()"
                + " where tenant_id = ?1 and id = ?2")
        .setParameter(1, tenantId)
        .setParameter(2, runId)
        .executeUpdate();
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
