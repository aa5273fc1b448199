package dev.agentruntime.worker.workflow;

import static dev.agentruntime.worker.workflow.FakeRunActivities.finalAnswer;
import static dev.agentruntime.worker.workflow.FakeRunActivities.toolCalls;
import static dev.agentruntime.worker.workflow.FastRuns.LOCAL_TOOL;
import static dev.agentruntime.worker.workflow.FastRuns.NETWORK_TOOL;
import static dev.agentruntime.worker.workflow.FastRuns.plan;
import static dev.agentruntime.worker.workflow.FastRuns.roomy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.RunOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fast tier: each way the step loop ends, on the current workflow version, with fake activities and
 * time skipping (no services, milliseconds per test).
 */
@Timeout(20) // a run that hangs fails its test instead of the build
class StepLoopFastTest {

  @Test
  void aFinalAnswerAfterAToolCallSucceedsWithTheStepsAndTokensCounted() {
    FakeRunActivities fake =
        new FakeRunActivities(
            roomy(), step -> step == 1 ? toolCalls(1, 40, LOCAL_TOOL) : finalAnswer(2, 60));
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      RunOutcome outcome = env.run();

      assertThat(outcome).isEqualTo(new RunOutcome(RunStatus.SUCCEEDED, null, 2, 100));
      assertThat(fake.log())
          .containsExactly(
              "beginRun local",
              "callModel scheduled step 1",
              "callTool local write_artifact step 1",
              "callModel scheduled step 2",
              "finishRun local SUCCEEDED");
      assertThat(fake.finish().transcriptKey()).isEqualTo("transcript-2");
      assertThat(fake.finish().transcriptSha256()).isEqualTo("sha-2");
    }
  }

  @Test
  void aModelThatNeverAnswersFinallyFailsTheRunAtTheStepLimit() {
    FakeRunActivities fake =
        new FakeRunActivities(plan(new LimitsSpec(3, null, 60)), step -> toolCalls(step, 1));
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      RunOutcome outcome = env.run();

      assertThat(outcome)
          .isEqualTo(
              new RunOutcome(
                  RunStatus.FAILED, "step limit of 3 reached without a final answer", 3, 3));
      assertThat(fake.log()).filteredOn(e -> e.startsWith("callModel")).hasSize(3);
    }
  }

  @Test
  void tokensOverTheBudgetFailTheRunBeforeTheToolCallsRun() {
    FakeRunActivities fake =
        new FakeRunActivities(
            plan(new LimitsSpec(10, 100, 60)), step -> toolCalls(step, 101, LOCAL_TOOL));
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      RunOutcome outcome = env.run();

      assertThat(outcome)
          .isEqualTo(new RunOutcome(RunStatus.FAILED, "token budget of 100 exceeded", 1, 101));
      assertThat(fake.log()).noneMatch(e -> e.startsWith("callTool"));
    }
  }

  @Test
  void aFinalAnswerOverTheTokenBudgetFailsTheRun() {
    FakeRunActivities fake =
        new FakeRunActivities(plan(new LimitsSpec(10, 100, 60)), step -> finalAnswer(step, 101));
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      assertThat(env.run().status()).isEqualTo(RunStatus.FAILED);
    }
  }

  @Test
  void aStepKeptFromRunningByAKernelOutageEndsAtTheDeadline() {
    FakeRunActivities fake =
        new FakeRunActivities(
            plan(new LimitsSpec(10, null, 60)),
            step -> {
              throw ApplicationFailure.newNonRetryableFailure(
                  "database down", ActivityFailureTypes.KERNEL_UNAVAILABLE);
            });
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      RunOutcome outcome = env.run();

      assertThat(outcome)
          .isEqualTo(new RunOutcome(RunStatus.TIMED_OUT, "time limit of 60 s exceeded", 0, 0));
      // Tries at 0, 1, 3, 7, 15 and 31 s; the next wait (capped at 30 s) runs past the minute.
      assertThat(fake.log()).filteredOn(e -> e.startsWith("callModel")).hasSize(6);
      assertThat(fake.log()).last().isEqualTo("finishRun local TIMED_OUT");
    }
  }

  @Test
  void aStepThatMetAKernelOutageIsScheduledAgainAndTheRunGoesOn() {
    AtomicInteger attempts = new AtomicInteger();
    FakeRunActivities fake =
        new FakeRunActivities(
            roomy(),
            step -> {
              if (attempts.incrementAndGet() < 3) {
                throw ApplicationFailure.newNonRetryableFailure(
                    "object store down", ActivityFailureTypes.KERNEL_UNAVAILABLE);
              }
              return finalAnswer(step, 5);
            });
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      assertThat(env.run()).isEqualTo(new RunOutcome(RunStatus.SUCCEEDED, null, 1, 5));
      assertThat(attempts).hasValue(3);
    }
  }

  @Test
  void aModelStepThatFailsForGoodFailsTheRunSayingWhy() {
    FakeRunActivities fake =
        new FakeRunActivities(
            roomy(),
            step -> {
              throw ApplicationFailure.newNonRetryableFailure(
                  "401 from the model", ActivityFailureTypes.CLIENT_ERROR);
            });
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      assertThat(env.run())
          .isEqualTo(
              new RunOutcome(
                  RunStatus.FAILED, "model call of step 1 failed: 401 from the model", 0, 0));
    }
  }

  @Test
  void aToolCallThatFailsForGoodFailsTheRunNamingTheTool() {
    FakeRunActivities fake =
        new FakeRunActivities(roomy(), step -> toolCalls(step, 1, LOCAL_TOOL, NETWORK_TOOL))
            .failTools(NETWORK_TOOL::equals);
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      assertThat(env.run())
          .isEqualTo(
              new RunOutcome(
                  RunStatus.FAILED, "tool call fetch of step 1 failed: fetch broke", 1, 1));
      assertThat(fake.log())
          .contains("callTool local write_artifact step 1", "callTool scheduled fetch step 1");
    }
  }

  @Test
  void aRunWhoseStartFailsForGoodEndsFailedWithoutAStep() {
    FakeRunActivities fake =
        new FakeRunActivities(roomy(), step -> finalAnswer(step, 1))
            .failBeginRun(
                ApplicationFailure.newNonRetryableFailure(
                    "agent version is gone", ActivityFailureTypes.CLIENT_ERROR));
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      assertThat(env.run())
          .isEqualTo(
              new RunOutcome(RunStatus.FAILED, "run could not start: agent version is gone", 0, 0));
      assertThat(fake.log()).containsExactly("beginRun local", "finishRun local FAILED");
    }
  }
}
