package dev.agentruntime.api.tenant.policy;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * A tenant's budgets and its spend in their current periods (V22). The periods and the spend are
 * the database's ({@code budget_period_start}, {@code tenant_spend}), as the admission path and the
 * worker read them, so the answer is what is enforced.
 */
@ApplicationScoped
class TenantBudgetRepository {

  /** The tenant's token budget, then its cost budget (in {@code currency}). */
  List<BudgetResponse> find(String tenantId, String currency) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select b.kind, b.period, b.budget_limit, b.soft, budget_period_start(b.period,"
                    + " now()), budget_period_end(b.period, budget_period_start(b.period, now())),"
                    + " coalesce(case b.kind when 'tokens' then s.tokens::numeric else s.cost end,"
                    + " 0) from (select 1) one left join tenant_policy p on p.tenant_id = ?1"
                    + " cross join lateral (values ('tokens', coalesce(p.token_budget_period,"
                    + " 'month'), p.token_budget_limit::numeric,"
                    + " coalesce(p.token_budget_soft_percent, 80), 1), ('cost',"
                    + " coalesce(p.cost_budget_period, 'month'), p.cost_budget_limit,"
                    + " coalesce(p.cost_budget_soft_percent, 80), 2)) b(kind, period,"
                    + " budget_limit, soft, rank) left join tenant_spend s on s.tenant_id = ?1"
                    + " and s.period = b.period and s.period_start ="
                    + " budget_period_start(b.period, now()) order by b.rank")
            .setParameter(1, tenantId)
            .getResultList();
    return rows.stream().map(row -> budget(row, currency)).toList();
  }

  private static BudgetResponse budget(Object[] row, String currency) {
    BigDecimal limit = (BigDecimal) row[2];
    int soft = ((Number) row[3]).intValue();
    BigDecimal spent = plain((BigDecimal) row[6]);
    return new BudgetResponse(
        (String) row[1],
        limit == null ? null : plain(limit),
        soft,
        "tokens".equals(row[0]) ? "tokens" : currency,
        row[4] instanceof Date date ? date.toLocalDate() : (LocalDate) row[4],
        instant(row[5]),
        spent,
        limit != null
            && spent
                    .multiply(BigDecimal.valueOf(100))
                    .compareTo(limit.multiply(BigDecimal.valueOf(soft)))
                >= 0,
        limit != null && spent.compareTo(limit) >= 0);
  }

  /** Without trailing zeros, and never in exponent form (1200, not 1.2E+3). */
  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
