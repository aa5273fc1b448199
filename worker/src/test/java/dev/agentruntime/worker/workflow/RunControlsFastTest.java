package dev.agentruntime.worker.workflow;

import static dev.agentruntime.worker.workflow.FakeRunActivities.finalAnswer;
import static dev.agentruntime.worker.workflow.FakeRunActivities.toolCalls;
import static dev.agentruntime.worker.workflow.FastRuns.ALICE;
import static dev.agentruntime.worker.workflow.FastRuns.BOB;
import static dev.agentruntime.worker.workflow.FastRuns.GATED_TOOL;
import static dev.agentruntime.worker.workflow.FastRuns.LOCAL_TOOL;
import static dev.agentruntime.worker.workflow.FastRuns.NETWORK_TOOL;
import static dev.agentruntime.worker.workflow.FastRuns.roomy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import java.time.Duration;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fast tier: pause, resume and cancel at each point of a run (before it starts, during a model
 * step, during a tool step, while a call waits for approval, while paused), with fake activities
 * and time skipping.
 */
@Timeout(20) // a run that hangs fails its test instead of the build
class RunControlsFastTest {

  private static final String CANCELLED_BY_ALICE = "cancelled by alice: wrong input";

  /** Step 1 asks for {@code tool}, step 2 answers. */
  private static IntFunction<ModelStepResult> oneToolThenAnswer(String tool) {
    return step -> step == 1 ? toolCalls(1, 10, tool) : finalAnswer(2, 10);
  }

  @Test
  void aPauseHoldsAtTheNextBoundaryAndItsTimeDoesNotCountAgainstTheLimit() throws Exception {
    FakeRunActivities fake =
        new FakeRunActivities(roomy(), oneToolThenAnswer(LOCAL_TOOL)).hold("step-1");
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = env.start();
      fake.awaitLogged("callModel");
      run.pause(ALICE);
      fake.release("step-1");
      fake.awaitLogged("paused #1");
      // Paused for an hour of a run whose limit is a minute.
      env.environment().sleep(Duration.ofHours(1));
      assertThat(run.completedSteps()).isEqualTo(1);
      run.resume(BOB);

      assertThat(env.outcome()).isEqualTo(new RunOutcome(RunStatus.SUCCEEDED, null, 2, 20));
      assertThat(fake.log())
          .containsExactly(
              "beginRun local",
              "callModel scheduled step 1",
              "paused #1 after step 1 by alice",
              "resumed #1 after step 1 by bob",
              "callTool local write_artifact step 1",
              "callModel scheduled step 2",
              "finishRun local SUCCEEDED");
    }
  }

  @Test
  void aResumeBeforeTheBoundaryWithdrawsThePause() throws Exception {
    FakeRunActivities fake =
        new FakeRunActivities(roomy(), oneToolThenAnswer(LOCAL_TOOL)).hold("step-1");
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = env.start();
      fake.awaitLogged("callModel");
      run.pause(ALICE);
      run.resume(BOB);
      fake.release("step-1");

      assertThat(env.outcome().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(fake.log()).noneMatch(e -> e.startsWith("paused"));
    }
  }

  @Test
  void aCancelBeforeTheRunStartsEndsItWithoutAStep() {
    FakeRunActivities fake = new FakeRunActivities(roomy(), step -> finalAnswer(step, 1));
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      env.startWithSignal("cancel", ALICE);

      assertThat(env.outcome())
          .isEqualTo(new RunOutcome(RunStatus.CANCELLED, CANCELLED_BY_ALICE, 0, 0));
      assertThat(fake.log()).containsExactly("beginRun local", "finishRun local CANCELLED");
    }
  }

  @Test
  void aCancelDuringAModelStepEndsTheRunWithoutWaitingForTheStep() throws Exception {
    FakeRunActivities fake =
        new FakeRunActivities(roomy(), step -> finalAnswer(step, 1)).hold("step-1");
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = env.start();
      fake.awaitLogged("callModel");
      run.cancel(ALICE);

      assertThat(env.outcome())
          .isEqualTo(new RunOutcome(RunStatus.CANCELLED, CANCELLED_BY_ALICE, 0, 0));
      assertThat(fake.log()).last().isEqualTo("finishRun local CANCELLED");
    }
  }

  @Test
  void aCancelDuringAToolStepEndsTheRunWithoutWaitingForTheTool() throws Exception {
    FakeRunActivities fake =
        new FakeRunActivities(roomy(), oneToolThenAnswer(NETWORK_TOOL)).hold("tool-fetch");
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = env.start();
      fake.awaitLogged("callTool scheduled fetch");
      run.cancel(ALICE);

      assertThat(env.outcome())
          .isEqualTo(new RunOutcome(RunStatus.CANCELLED, CANCELLED_BY_ALICE, 1, 10));
      assertThat(fake.log()).filteredOn(e -> e.startsWith("callModel")).hasSize(1);
    }
  }

  @Test
  void aCancelWhileACallWaitsForApprovalEndsTheRunAndTheCallNeverRuns() throws Exception {
    FakeRunActivities fake = new FakeRunActivities(roomy(), oneToolThenAnswer(GATED_TOOL));
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = env.start();
      fake.awaitLogged("requestApproval");
      run.cancel(ALICE);

      assertThat(env.outcome())
          .isEqualTo(new RunOutcome(RunStatus.CANCELLED, CANCELLED_BY_ALICE, 1, 10));
      assertThat(fake.log()).noneMatch(e -> e.startsWith("callTool") || e.startsWith("refuseTool"));
    }
  }

  @Test
  void aCancelWhilePausedEndsTheRun() throws Exception {
    FakeRunActivities fake =
        new FakeRunActivities(roomy(), oneToolThenAnswer(LOCAL_TOOL)).hold("step-1");
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = env.start();
      fake.awaitLogged("callModel");
      run.pause(ALICE);
      fake.release("step-1");
      fake.awaitLogged("paused #1");
      run.cancel(BOB);

      assertThat(env.outcome())
          .isEqualTo(new RunOutcome(RunStatus.CANCELLED, "cancelled by bob", 1, 10));
      assertThat(fake.log())
          .containsExactly(
              "beginRun local",
              "callModel scheduled step 1",
              "paused #1 after step 1 by alice",
              "finishRun local CANCELLED");
    }
  }

  @Test
  void aCancelThroughTemporalItselfStillEndsTheRunsRecord() throws Exception {
    FakeRunActivities fake =
        new FakeRunActivities(roomy(), step -> finalAnswer(step, 1)).hold("step-1");
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      env.start();
      fake.awaitLogged("callModel");
      env.untyped().cancel();
      // Waits for the run to close, however Temporal reports a run cancelled from outside.
      catchThrowable(env::outcome);

      assertThat(fake.finish().outcome())
          .isEqualTo(new RunOutcome(RunStatus.CANCELLED, "cancelled through Temporal", 0, 0));
    }
  }
}
