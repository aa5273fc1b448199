package dev.agentruntime.api.tenant.lifecycle;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** A tenant's suspension (V18), and the runs it applies to. */
@ApplicationScoped
public class TenantLifecycleRepository {

  /** Marks the tenant suspended; a suspended one keeps its first suspension's who, when, why. */
  public void suspend(String tenantId, String actor, String reason) {
    em().createNativeQuery(
            "update tenant set suspended_at = now(), suspended_by = ?2, suspension_reason = ?3"
                + " where id = ?1 and suspended_at is null")
        .setParameter(1, tenantId)
        .setParameter(2, actor)
        .setParameter(3, reason == null ? "" : reason)
        .executeUpdate();
    // '' for none: a null of no known type would be bound as bytea.
    em().createNativeQuery(
            "update tenant set suspension_reason = null where id = ?1 and suspension_reason = ''")
        .setParameter(1, tenantId)
        .executeUpdate();
  }

  void resume(String tenantId) {
    em().createNativeQuery(
            "update tenant set suspended_at = null, suspended_by = null, suspension_reason = null"
                + " where id = ?1")
        .setParameter(1, tenantId)
        .executeUpdate();
  }

  /**
   * The tenant's root runs that have not ended and are not being cancelled, oldest first. A root's
   * children follow it: a pause or a cancel of the root reaches them.
   */
  List<UUID> openRootRuns(String tenantId) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em().createNativeQuery(
                "select id from run where tenant_id = ?1 and parent_run_id is null and status not"
                    + " in ('succeeded', 'failed', 'cancelled', 'timed_out', 'cancelling') order"
                    + " by created_at, id")
            .setParameter(1, tenantId)
            .getResultList();
    return ids;
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
