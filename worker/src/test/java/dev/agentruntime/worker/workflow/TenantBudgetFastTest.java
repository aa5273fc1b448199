package dev.agentruntime.worker.workflow;

import static dev.agentruntime.worker.workflow.FakeRunActivities.finalAnswer;
import static dev.agentruntime.worker.workflow.FakeRunActivities.toolCalls;
import static dev.agentruntime.worker.workflow.FastRuns.LOCAL_TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.RunOutcome;
import io.temporal.workflow.Workflow;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fast tier: a run asks its tenant's budgets before every model call ({@value
 * RunBehaviour#TENANT_BUDGETS} version 1) and stops there with the answer's reason; a run started
 * before the change asks nothing and goes on.
 */
@Timeout(20) // a run that hangs fails its test instead of the build
class TenantBudgetFastTest {

  private static final String STOP =
      "budget-exceeded: tenant token budget for day 2026-12-07 spent: 20 of 15 tokens, resets at"
          + " 2026-12-08T00:00:00Z";

  private static FakeRunActivities fake() {
    return new FakeRunActivities(
            FastRuns.roomy(), step -> step == 1 ? toolCalls(1, 20, LOCAL_TOOL) : finalAnswer(2, 10))
        .budgetStops(call -> call >= 2 ? STOP : null);
  }

  @Test
  void aSpentBudgetStopsTheRunBeforeItsNextModelCall() throws Exception {
    FakeRunActivities fake = fake();
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      env.start();

      assertThat(env.outcome()).isEqualTo(new RunOutcome(RunStatus.FAILED, STOP, 1, 20));
      assertThat(fake.log())
          .containsExactly(
              "beginRun local",
              "callModel scheduled step 1",
              "callTool local " + LOCAL_TOOL + " step 1",
              "finishRun local FAILED");
      assertThat(fake.budgetCalls()).isEqualTo(2);
    }
  }

  /**
   * The question is bookkeeping: a database outage delays it, it never fails the run. (The Java SDK
   * retries a local activity with unlimited attempts only when it has a schedule-to-close timeout:
   * without one the first failure failed the workflow.)
   */
  @Test
  void aBudgetQuestionThatFailsOnTheDatabaseIsAskedAgainAndTheRunGoesOn() throws Exception {
    FakeRunActivities fake =
        new FakeRunActivities(FastRuns.roomy(), step -> finalAnswer(1, 10))
            .budgetStops(
                call -> {
                  if (call <= 2) {
                    throw new IllegalStateException("budgets not read: the database is down");
                  }
                  return null;
                });
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      env.start();

      assertThat(env.outcome().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(fake.budgetCalls()).isEqualTo(3);
    }
  }

  @Test
  void aRunStartedBeforeTheChangeAsksNoBudget() throws Exception {
    FakeRunActivities fake = fake();
    try (FastWorkflowEnvironment env =
        new FastWorkflowEnvironment(
            fake, Map.of(RunBehaviour.TENANT_BUDGETS, Workflow.DEFAULT_VERSION))) {
      env.start();

      assertThat(env.outcome().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(fake.budgetCalls()).isZero();
    }
  }
}
