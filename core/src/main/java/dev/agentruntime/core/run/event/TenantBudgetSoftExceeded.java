package dev.agentruntime.core.run.event;

import java.math.BigDecimal;

/**
 * {@code tenant.budget.soft_exceeded}: step {@code step} of this run brought its tenant's spend in
 * the period to the budget's soft threshold. Written by PostgreSQL (V22) in the step's own
 * transaction, once per tenant, budget and period, in the timeline of the run that crossed it.
 *
 * @param budget {@code tokens} or {@code cost} (cost in the price table's currency)
 * @param period {@code day} or {@code month}, UTC
 * @param periodStart the period's first day, {@code YYYY-MM-DD}
 * @param spent the tenant's spend in the period with this step
 * @param threshold the soft threshold: the limit times its soft percentage
 * @param limit the hard limit, at which runs stop and new ones are refused
 * @param resetsAt when the period ends, RFC 3339 UTC
 */
public record TenantBudgetSoftExceeded(
    String budget,
    String period,
    String periodStart,
    BigDecimal spent,
    BigDecimal threshold,
    BigDecimal limit,
    int step,
    String resetsAt)
    implements RunEventPayload {}
