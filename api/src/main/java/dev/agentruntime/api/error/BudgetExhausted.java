package dev.agentruntime.api.error;

import dev.agentruntime.core.tenant.BudgetExceeded;
import java.time.Duration;
import java.time.Instant;

/**
 * The tenant's spend reached a budget's hard limit in the current period: it starts no run until
 * the period resets (docs/operations.md, "Tenant budgets"). Nothing was started.
 */
public final class BudgetExhausted extends DomainException {

  private final Instant resetsAt;

  public BudgetExhausted(String tenantId, BudgetExceeded budget) {
    super(
        "Tenant '"
            + tenantId
            + "' spent a budget: "
            + budget.describe()
            + ". No run starts until then; nothing was started",
        null);
    this.resetsAt = budget.resetsAt();
  }

  /** Seconds from {@code now} until the budget resets, at least 1. */
  public long retryAfterSeconds(Instant now) {
    return Math.max(1, Duration.between(now, resetsAt).toSeconds() + 1);
  }
}
