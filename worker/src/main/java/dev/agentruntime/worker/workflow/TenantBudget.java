package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.TenantBudgetActivities;
import io.temporal.workflow.Workflow;

/**
 * The step boundary's question to the tenant's budgets (from {@link RunBehaviour#tenantBudgets}): a
 * local activity, one read by key, so the workflow stays deterministic and a step pays little for
 * it. Before the change, runs ask nothing, as their histories record.
 */
final class TenantBudget {

  private final RunBehaviour behaviour;
  private final TenantBudgetActivities activities;

  TenantBudget(RunBehaviour behaviour) {
    this.behaviour = behaviour;
    this.activities =
        behaviour.tenantBudgets()
            ? Workflow.newLocalActivityStub(
                TenantBudgetActivities.class, RunActivityOptions.LOCAL_STORE)
            : null;
  }

  /** Why the run must stop before its next model call, or {@code null} to go on. */
  String stopReason(String tenantId) {
    return activities == null ? null : behaviour.attempt(() -> activities.budgetStop(tenantId));
  }
}
