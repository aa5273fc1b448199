package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.TenantBudgetActivities;
import dev.agentruntime.core.tenant.BudgetExceeded;
import dev.agentruntime.core.tenant.TenantBudgets;
import dev.agentruntime.worker.store.StoreException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The step boundary's budget question; the rule is the database's (V22). */
@Singleton
public class TenantBudgetActivitiesImpl implements TenantBudgetActivities {

  private final TenantBudgets budgets;

  public TenantBudgetActivitiesImpl(DataSource dataSource) {
    this.budgets = new TenantBudgets(dataSource);
  }

  @Override
  public String budgetStop(String tenantId) {
    try {
      return budgets.exceeded(tenantId).map(BudgetExceeded::stopReason).orElse(null);
    } catch (SQLException e) {
      throw new StoreException("budgets of tenant " + tenantId + " not read", e);
    }
  }
}
