package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.TenantBudgetSoftExceeded;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tenant's token budget on the real workflow and activities, Temporal's test server and
 * PostgreSQL: a run whose step spends the budget stops before its next model call, with the reason
 * in its status, and a run of another tenant is untouched.
 */
class TenantBudgetWorkflowTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Summarize the quarterly report\"}";

  @Test
  void aBudgetSpentMidRunStopsTheRunBeforeItsNextModelCall() throws Exception {
    // Three steps without the budget: two tool rounds, then the answer.
    model.toolRounds(2);
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    // The fake model answers 10 prompt and 5 completion tokens: step 1 spends all 15.
    infra.execute(
        "insert into tenant_policy (tenant_id, max_concurrent_runs, updated_by,"
            + " token_budget_period, token_budget_limit, token_budget_soft_percent)"
            + " values (?, 100, 'test', 'day', 15, 50)",
        run.tenantId());
    int callsBefore = model.calls().size();

    RunOutcome outcome = harness.run(run);

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason())
        .isEqualTo(
            "budget-exceeded: tenant token budget for day "
                + today
                + " spent: 15 of 15 tokens, resets at "
                + today.plusDays(1)
                + "T00:00:00Z");
    assertThat(outcome.steps()).isEqualTo(1);
    assertThat(model.calls().size() - callsBefore).isEqualTo(1);
    assertThat(infra.runRow(run).get("status_reason")).isEqualTo(outcome.reason());
    List<Event> events = infra.events(run);
    // Step 1's tool call ran (its step was under budget when it began); no model call followed.
    assertThat(events.stream().map(Event::type))
        .containsSubsequence(
            RunEventTypes.MODEL_CALL_COMPLETED,
            RunEventTypes.TENANT_BUDGET_SOFT_EXCEEDED,
            RunEventTypes.TOOL_CALL_COMPLETED,
            RunEventTypes.RUN_FAILED)
        .filteredOn(RunEventTypes.MODEL_CALL_COMPLETED::equals)
        .hasSize(1);
    TenantBudgetSoftExceeded soft =
        events.stream()
            .map(Event::record)
            .filter(TenantBudgetSoftExceeded.class::isInstance)
            .map(TenantBudgetSoftExceeded.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(soft.step()).isEqualTo(1);
    harness.recordHistory(run, "agent-run-tenant-budget-stopped-v1.json");

    // Another tenant's run goes on: budgets are per tenant.
    RunWorkflowInput other = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    assertThat(harness.run(other).status()).isEqualTo(RunStatus.SUCCEEDED);
  }
}
