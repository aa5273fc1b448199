package dev.agentruntime.api.tenant.policy;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import dev.agentruntime.api.limits.AdmissionRates;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Tenant policies (V17). The defaults live in the database ({@code tenant_run_caps}), which the
 * worker's slot claims read too, so the API answers what is enforced, never a copy of it.
 */
@ApplicationScoped
public class TenantPolicyRepository {

  /** The tenant's policy, its defaults filled in (the admission rate's by {@code rates}). */
  TenantPolicyResponse find(String tenantId, AdmissionRates rates) {
    Object[] row =
        (Object[])
            em().createNativeQuery(
                    "select c.max_runs, c.max_per_agent, c.idle_hold, p.updated_at, p.updated_by,"
                        + " p.admissions_per_second, p.admission_burst from tenant_run_caps(?1) c"
                        + " left join tenant_policy p on p.tenant_id = ?1")
                .setParameter(1, tenantId)
                .getSingleResult();
    AdmissionRates.Rate rate = rates.effective(integer(row[5]), integer(row[6]));
    return new TenantPolicyResponse(
        ((Number) row[0]).intValue(),
        integer(row[1]),
        (Boolean) row[2],
        rate.perSecond(),
        rate.burst(),
        row[3] == null ? null : instant(row[3]),
        (String) row[4]);
  }

  private static Integer integer(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }

  void put(String tenantId, TenantPolicyRequest request, String actor) {
    em().createNativeQuery(
            "insert into tenant_policy (tenant_id, max_concurrent_runs,"
                + " max_concurrent_runs_per_agent, idle_runs_hold_slots, updated_by,"
                + " admissions_per_second, admission_burst) values (?1, ?2, nullif(?3, 0), ?4,"
                + " ?5, nullif(?6, 0), nullif(?7, 0)) on conflict (tenant_id) do update set"
                + " max_concurrent_runs = excluded.max_concurrent_runs,"
                + " max_concurrent_runs_per_agent = excluded.max_concurrent_runs_per_agent,"
                + " idle_runs_hold_slots = excluded.idle_runs_hold_slots, updated_by ="
                + " excluded.updated_by, updated_at = now(), admissions_per_second ="
                + " excluded.admissions_per_second, admission_burst = excluded.admission_burst")
        .setParameter(1, tenantId)
        .setParameter(2, request.maxConcurrentRuns())
        // 0 for none: a null of no known type would be bound as bytea.
        .setParameter(3, zeroForNone(request.maxConcurrentRunsPerAgent()))
        .setParameter(
            4, request.idleRunsHoldSlots() == null || request.idleRunsHoldSlots().booleanValue())
        .setParameter(5, actor)
        .setParameter(6, zeroForNone(request.admissionsPerSecond()))
        .setParameter(7, zeroForNone(request.admissionBurst()))
        .executeUpdate();
  }

  private static int zeroForNone(Integer value) {
    return value == null ? 0 : value;
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
