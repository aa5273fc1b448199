package dev.agentruntime.api.tenant.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One budget of a tenant and what the tenant spent against it in the current period. */
public record BudgetResponse(
    @Schema(
            enumeration = {"day", "month"},
            description = "A UTC day or month; default month")
        String period,
    @Schema(nullable = true, description = "The hard limit; null: unlimited (the default)")
        BigDecimal limit,
    @Schema(description = "Percent of the limit at which the soft event is recorded; default 80")
        int softThresholdPercent,
    @Schema(description = "`tokens`, or the price table's currency for the cost budget")
        String unit,
    @Schema(description = "The current period's first day (UTC)") LocalDate periodStart,
    @Schema(description = "When the current period ends and the budget is whole again")
        Instant resetsAt,
    @Schema(
            description =
                "Spent in the current period: tokens, or the cost of calls of priced models")
        BigDecimal spent,
    @Schema(description = "Whether the spend reached the soft threshold") boolean softExceeded,
    @Schema(description = "Whether the spend reached the limit: new runs are refused")
        boolean exceeded) {}
