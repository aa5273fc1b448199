package dev.agentruntime.core.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A tenant's token and cost budgets, asked before each model call (docs/operations.md, "Tenant
 * budgets"): a run whose tenant reached a budget's hard limit stops there. The rule is the
 * database's ({@code tenant_budget_exceeded}, V22), one read by key.
 */
@ActivityInterface
public interface TenantBudgetActivities {

  /**
   * The status reason of a run that must stop now ({@code budget-exceeded: tenant token budget
   * ...}), or {@code null} while the tenant is within its budgets.
   */
  @ActivityMethod
  String budgetStop(String tenantId);
}
