package dev.agentruntime.core.tenant;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A tenant's budget whose hard limit its spend in the current period has reached
 * (docs/operations.md, "Tenant budgets"): new runs are refused and running ones stop before their
 * next model call until {@code resetsAt}.
 *
 * @param budget {@code tokens} or {@code cost}
 * @param period {@code day} or {@code month}, UTC
 * @param periodStart the period's first day
 * @param spent what the tenant spent in the period (tokens, or cost in the price table's currency)
 * @param limit the budget's hard limit, in the same unit
 * @param resetsAt when the period ends and the budget is whole again
 */
public record BudgetExceeded(
    String budget,
    String period,
    LocalDate periodStart,
    BigDecimal spent,
    BigDecimal limit,
    Instant resetsAt) {

  /** The prefix of the status reason of a run stopped by a tenant budget. */
  public static final String REASON_PREFIX = "budget-exceeded: ";

  /**
   * What a person reads: {@code tenant token budget for day 2026-12-07 spent: 1200 of 1000 tokens,
   * resets at 2026-12-08T00:00:00Z}.
   */
  public String describe() {
    boolean tokens = "tokens".equals(budget);
    return "tenant "
        + (tokens ? "token" : "cost")
        + " budget for "
        + period
        + " "
        + (period.equals("day") ? periodStart.toString() : periodStart.toString().substring(0, 7))
        + " spent: "
        + spent.stripTrailingZeros().toPlainString()
        + " of "
        + limit.stripTrailingZeros().toPlainString()
        + (tokens ? " tokens" : "")
        + ", resets at "
        + resetsAt;
  }

  /** The status reason of a run it stops. */
  public String stopReason() {
    return REASON_PREFIX + describe();
  }
}
