package dev.agentruntime.api.tenant.policy;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant's policy as the API shows it: what it set, or the defaults where it set nothing, and its
 * spend against its budgets in their current periods.
 */
public record TenantPolicyResponse(
    @Schema(description = "Runs of the tenant that may hold a slot at once; default 100")
        int maxConcurrentRuns,
    @Schema(
            nullable = true,
            description = "Runs of one agent that may hold a slot at once; null: no cap per agent")
        Integer maxConcurrentRunsPerAgent,
    @Schema(
            description =
                "Whether a run that is paused or waiting for an approval keeps its slot; default"
                    + " true")
        boolean idleRunsHoldSlots,
    @Schema(
            description =
                "Runs the tenant may start per second, whatever their origin; default the"
                    + " operator's agent-runtime.limits.run-admissions-per-second")
        long admissionsPerSecond,
    @Schema(description = "Runs it may start at once after a quiet spell; default its rate")
        long admissionBurst,
    @Schema(
            description =
                "Days a succeeded run keeps its events, transcripts, agent state and artifacts"
                    + " after it finished; default the operator's"
                    + " agent-runtime.retention.succeeded-runs-days")
        int keepSucceededRunsDays,
    @Schema(
            description =
                "Days a failed, cancelled or timed-out run keeps them; default the operator's"
                    + " agent-runtime.retention.failed-runs-days")
        int keepFailedRunsDays,
    @Schema(description = "Whether a legal hold keeps every run of the tenant; default false")
        boolean legalHold,
    @Schema(nullable = true, description = "When it was last set; null: the defaults")
        Instant updatedAt,
    @Schema(nullable = true, description = "Who last set it; null: the defaults") String updatedBy,
    @Schema(description = "Tokens per period, and what the tenant spent in the current one")
        BudgetResponse tokenBudget,
    @Schema(description = "Cost per period, and what the tenant spent in the current one")
        BudgetResponse costBudget) {}
