package dev.agentruntime.api.tenant.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /v1/tenants/{id}/policy}: the whole policy; what is absent is its default. */
@Schema(example = "{\"maxConcurrentRuns\": 20, \"maxConcurrentRunsPerAgent\": 5}")
public record TenantPolicyRequest(
    @NotNull @Min(1) @Max(100_000) Integer maxConcurrentRuns,
    @Schema(description = "Absent: no cap per agent") @Min(1) @Max(100_000)
        Integer maxConcurrentRunsPerAgent,
    @Schema(description = "Absent: true") Boolean idleRunsHoldSlots,
    @Schema(description = "Absent: the operator's default rate") @Min(1) @Max(100_000)
        Integer admissionsPerSecond,
    @Schema(description = "Absent: the rate") @Min(1) @Max(1_000_000) Integer admissionBurst,
    @Schema(description = "Tokens per period, whole; absent: unlimited") @Valid
        BudgetRequest tokenBudget,
    @Schema(description = "Cost per period in the price table's currency; absent: unlimited") @Valid
        BudgetRequest costBudget,
    @Schema(description = "Absent: the operator's agent-runtime.retention.succeeded-runs-days")
        @Min(1)
        @Max(36_500)
        Integer keepSucceededRunsDays,
    @Schema(description = "Absent: the operator's agent-runtime.retention.failed-runs-days")
        @Min(1)
        @Max(36_500)
        Integer keepFailedRunsDays,
    @Schema(description = "A legal hold on every run of the tenant; absent: false")
        Boolean legalHold) {}
