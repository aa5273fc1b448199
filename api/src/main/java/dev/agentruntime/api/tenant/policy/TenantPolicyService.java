package dev.agentruntime.api.tenant.policy;

import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.limits.AdmissionRates;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.retention.RetentionSettings;
import dev.agentruntime.api.run.SlotWakeups;
import dev.agentruntime.api.tenant.TenantService;
import dev.agentruntime.api.usage.PriceTable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads and sets a tenant's policy. Setting it commits first and then wakes the runs that a raised
 * cap lets start, so they need not wait for their own poll.
 */
@ApplicationScoped
public class TenantPolicyService {

  private final TenantService tenants;
  private final TenantPolicyRepository policies;
  private final SlotWakeups wakeups;
  private final AdmissionRates rates;
  private final TenantBudgetRepository budgets;
  private final PriceTable prices;
  private final RetentionSettings retention;

  public TenantPolicyService(
      TenantService tenants,
      TenantPolicyRepository policies,
      SlotWakeups wakeups,
      AdmissionRates rates,
      TenantBudgetRepository budgets,
      PriceTable prices,
      RetentionSettings retention) {
    this.tenants = tenants;
    this.policies = policies;
    this.wakeups = wakeups;
    this.rates = rates;
    this.budgets = budgets;
    this.prices = prices;
    this.retention = retention;
  }

  public TenantPolicyResponse get(String tenantId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              tenants.get(tenantId);
              return find(tenantId);
            });
  }

  public TenantPolicyResponse put(String tenantId, TenantPolicyRequest request, String actor) {
    checkWholeTokens(request.tokenBudget());
    TenantPolicyResponse policy =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  tenants.get(tenantId);
                  policies.put(tenantId, request, actor);
                  return find(tenantId);
                });
    wakeups.wake(tenantId);
    return policy;
  }

  private TenantPolicyResponse find(String tenantId) {
    return policies.find(tenantId, rates, retention, budgets.find(tenantId, prices.currency()));
  }

  /** Tokens are counted whole: a fractional limit would be cut silently. */
  private static void checkWholeTokens(BudgetRequest tokenBudget) {
    if (tokenBudget != null && tokenBudget.limit().stripTrailingZeros().scale() > 0) {
      throw new InvalidRequest(
          "A token budget's limit is a whole number of tokens; nothing was changed",
          List.of(new Violation("tokenBudget.limit", "must be a whole number")));
    }
  }
}
