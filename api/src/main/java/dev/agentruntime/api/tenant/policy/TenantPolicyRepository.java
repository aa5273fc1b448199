package dev.agentruntime.api.tenant.policy;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import dev.agentruntime.api.limits.AdmissionRates;
import dev.agentruntime.api.retention.RetentionSettings;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.List;

/**
 * Tenant policies (V17). The defaults live in the database ({@code tenant_run_caps}), which the
 * worker's slot claims read too, so the API answers what is enforced, never a copy of it.
 */
@ApplicationScoped
public class TenantPolicyRepository {

  /**
   * The tenant's policy, its defaults filled in (the admission rate's by {@code rates}, the
   * retention's by {@code retention}), with its {@code budgets} (tokens, then cost).
   */
  TenantPolicyResponse find(
      String tenantId,
      AdmissionRates rates,
      RetentionSettings retention,
      List<BudgetResponse> budgets) {
    Object[] row =
        (Object[])
            em().createNativeQuery(
                    "select c.max_runs, c.max_per_agent, c.idle_hold, p.updated_at, p.updated_by,"
                        + " p.admissions_per_second, p.admission_burst, p.keep_succeeded_runs_days,"
                        + " p.keep_failed_runs_days, coalesce(p.legal_hold, false)"
                        + " from tenant_run_caps(?1) c"
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
        row[7] == null ? retention.succeededRunsDays() : integer(row[7]),
        row[8] == null ? retention.failedRunsDays() : integer(row[8]),
        (Boolean) row[9],
        row[3] == null ? null : instant(row[3]),
        (String) row[4],
        budgets.get(0),
        budgets.get(1));
  }

  private static Integer integer(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }

  void put(String tenantId, TenantPolicyRequest request, String actor) {
    em().createNativeQuery(
            "insert into tenant_policy (tenant_id, max_concurrent_runs,"
                + " max_concurrent_runs_per_agent, idle_runs_hold_slots, updated_by,"
                + " admissions_per_second, admission_burst, token_budget_period,"
                + " token_budget_limit, token_budget_soft_percent, cost_budget_period,"
                + " cost_budget_limit, cost_budget_soft_percent, keep_succeeded_runs_days,"
                + " keep_failed_runs_days, legal_hold) values (?1, ?2, nullif(?3, 0), ?4, ?5,"
                + " nullif(?6, 0), nullif(?7, 0), ?8, nullif(?9, 0)::bigint, ?10, ?11,"
                + " nullif(?12, 0), ?13, nullif(?14, 0), nullif(?15, 0), ?16)"
                + " on conflict (tenant_id) do update set"
                + " max_concurrent_runs = excluded.max_concurrent_runs,"
                + " max_concurrent_runs_per_agent = excluded.max_concurrent_runs_per_agent,"
                + " idle_runs_hold_slots = excluded.idle_runs_hold_slots, updated_by ="
                + " excluded.updated_by, updated_at = now(), admissions_per_second ="
                + " excluded.admissions_per_second, admission_burst = excluded.admission_burst,"
                + " token_budget_period = excluded.token_budget_period, token_budget_limit ="
                + " excluded.token_budget_limit, token_budget_soft_percent ="
                + " excluded.token_budget_soft_percent, cost_budget_period ="
                + " excluded.cost_budget_period, cost_budget_limit = excluded.cost_budget_limit,"
                + " cost_budget_soft_percent = excluded.cost_budget_soft_percent,"
                + " keep_succeeded_runs_days = excluded.keep_succeeded_runs_days,"
                + " keep_failed_runs_days = excluded.keep_failed_runs_days,"
                + " legal_hold = excluded.legal_hold")
        .setParameter(1, tenantId)
        .setParameter(2, request.maxConcurrentRuns())
        // 0 for none: a null of no known type would be bound as bytea.
        .setParameter(3, zeroForNone(request.maxConcurrentRunsPerAgent()))
        .setParameter(
            4, request.idleRunsHoldSlots() == null || request.idleRunsHoldSlots().booleanValue())
        .setParameter(5, actor)
        .setParameter(6, zeroForNone(request.admissionsPerSecond()))
        .setParameter(7, zeroForNone(request.admissionBurst()))
        .setParameter(8, period(request.tokenBudget()))
        .setParameter(9, limit(request.tokenBudget()))
        .setParameter(10, softPercent(request.tokenBudget()))
        .setParameter(11, period(request.costBudget()))
        .setParameter(12, limit(request.costBudget()))
        .setParameter(13, softPercent(request.costBudget()))
        .setParameter(14, zeroForNone(request.keepSucceededRunsDays()))
        .setParameter(15, zeroForNone(request.keepFailedRunsDays()))
        .setParameter(16, Boolean.TRUE.equals(request.legalHold()))
        .executeUpdate();
  }

  // An absent budget is unlimited, in the default period, with the default soft threshold.
  private static String period(BudgetRequest budget) {
    return budget == null ? "month" : budget.period();
  }

  private static BigDecimal limit(BudgetRequest budget) {
    return budget == null ? BigDecimal.ZERO : budget.limit();
  }

  private static int softPercent(BudgetRequest budget) {
    return budget == null ? BudgetRequest.DEFAULT_SOFT_PERCENT : budget.softPercentOrDefault();
  }

  private static int zeroForNone(Integer value) {
    return value == null ? 0 : value;
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
