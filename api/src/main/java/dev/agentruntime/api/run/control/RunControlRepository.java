package dev.agentruntime.api.run.control;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.ControlRequested.CancelRequested;
import dev.agentruntime.core.run.event.RunEventJson;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The state control actions read and change, with native SQL; every method is tenant-first. */
@ApplicationScoped
public class RunControlRepository {

  /** A cancel whose signal never reached Temporal. */
  public record UndeliveredCancel(String tenantId, UUID runId) {}

  /** Locks the run's row for the rest of the transaction; empty when the tenant has no such run. */
  public Optional<RunStatus> lockStatus(String tenantId, UUID runId) {
    List<?> rows =
        em().createNativeQuery("select status from run where tenant_id = ?1 and id = ?2 for update")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .getResultList();
    return rows.stream().findFirst().map(status -> RunStatus.fromWireName((String) status));
  }

  public void markCancelling(String tenantId, UUID runId) {
    em().createNativeQuery(
            "update run set status = 'cancelling', updated_at = now() where tenant_id = ?1 and id"
                + " = ?2 and status not in ("
                + RunStatus.sqlLiterals(RunStatus.TERMINAL)
                + ")")
        .setParameter(1, tenantId)
        .setParameter(2, runId)
        .executeUpdate();
  }

  public void markCancelDelivered(String tenantId, UUID runId) {
    em().createNativeQuery(
            "update run set cancel_delivered_at = coalesce(cancel_delivered_at, now()) where"
                + " tenant_id = ?1 and id = ?2")
        .setParameter(1, tenantId)
        .setParameter(2, runId)
        .executeUpdate();
  }

  /**
   * Whether the run's latest pause or resume request is a pause: it holds at its next boundary, or
   * already does.
   */
  public boolean pauseRequested(String tenantId, UUID runId) {
    List<?> rows =
        em().createNativeQuery(
                "select type from run_event where tenant_id = ?1 and run_id = ?2 and type in (?3,"
                    + " ?4) order by seq desc limit 1")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .setParameter(3, RunEventTypes.RUN_PAUSE_REQUESTED)
            .setParameter(4, RunEventTypes.RUN_RESUME_REQUESTED)
            .getResultList();
    return rows.stream().findFirst().map(RunEventTypes.RUN_PAUSE_REQUESTED::equals).orElse(false);
  }

  /** Up to {@code limit} cancels older than {@code olderThanSeconds} never delivered, locked. */
  public List<UndeliveredCancel> lockUndeliveredCancels(long olderThanSeconds, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select tenant_id, id from run where status = 'cancelling' and cancel_delivered_at"
                    + " is null and updated_at < now() - make_interval(secs => ?1) order by"
                    + " updated_at limit ?2 for update skip locked")
            .setParameter(1, (double) olderThanSeconds)
            .setParameter(2, limit)
            .getResultList();
    return rows.stream().map(row -> new UndeliveredCancel((String) row[0], (UUID) row[1])).toList();
  }

  /** Who asked for the run's cancel and why, from its {@code run.cancel_requested} event. */
  public Optional<CancelRequested> cancelRequest(String tenantId, UUID runId) {
    List<?> rows =
        em().createNativeQuery(
                "select payload::text from run_event where tenant_id = ?1 and run_id = ?2 and type"
                    + " = ?3 order by seq limit 1")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .setParameter(3, RunEventTypes.RUN_CANCEL_REQUESTED)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(payload -> RunEventJson.read(CancelRequested.class, (String) payload));
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
