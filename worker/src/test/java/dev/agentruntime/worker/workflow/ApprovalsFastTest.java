package dev.agentruntime.worker.workflow;

import static dev.agentruntime.worker.workflow.FakeRunActivities.ARGUMENTS_SHA256;
import static dev.agentruntime.worker.workflow.FakeRunActivities.finalAnswer;
import static dev.agentruntime.worker.workflow.FakeRunActivities.toolCalls;
import static dev.agentruntime.worker.workflow.FastRuns.GATED_TOOL;
import static dev.agentruntime.worker.workflow.FastRuns.LOCAL_TOOL;
import static dev.agentruntime.worker.workflow.FastRuns.roomy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.approval.ApprovalOutcome;
import dev.agentruntime.core.approval.ApprovalRejections;
import dev.agentruntime.core.approval.ApprovalStatus;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import io.temporal.client.WorkflowUpdateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fast tier: a call of a tool that needs approval, granted, denied or left to expire, with fake
 * activities and time skipping (the hour an approval may wait takes no wall time).
 */
@Timeout(20) // a run that hangs fails its test instead of the build
class ApprovalsFastTest {

  /** Step 1 asks for the gated tool and a local one; step 2 answers. */
  private static FakeRunActivities fake() {
    return new FakeRunActivities(
        roomy(), step -> step == 1 ? toolCalls(1, 10, GATED_TOOL, LOCAL_TOOL) : finalAnswer(2, 10));
  }

  private static ApprovalDecision decision(FakeRunActivities fake, String verdict, String sha) {
    return new ApprovalDecision(fake.approvalId(), verdict, sha, "carol", "looks odd");
  }

  @Test
  void anApprovedCallRunsWithTheApprovedArgumentsHash() throws Exception {
    FakeRunActivities fake = fake();
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = env.start();
      fake.awaitLogged("requestApproval");
      ApprovalOutcome outcome =
          run.decide(decision(fake, ApprovalDecision.APPROVE, ARGUMENTS_SHA256));

      assertThat(outcome.status()).isEqualTo(ApprovalStatus.APPROVED);
      assertThat(env.outcome()).isEqualTo(new RunOutcome(RunStatus.SUCCEEDED, null, 2, 20));
      assertThat(fake.log())
          .containsSubsequence(
              "beginRun local",
              "callModel scheduled step 1",
              "requestApproval step 1 call 0",
              "recordApproval approved",
              "callModel scheduled step 2",
              "finishRun local SUCCEEDED")
          // The two calls of a step run concurrently, in either order.
          .contains(
              "callTool local publish step 1 approved", "callTool local write_artifact step 1")
          .hasSize(8);
    }
  }

  @Test
  void aDeniedCallIsAnsweredWithWhoDeniedItAndTheRunGoesOn() throws Exception {
    FakeRunActivities fake = fake();
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = env.start();
      fake.awaitLogged("requestApproval");
      run.decide(decision(fake, ApprovalDecision.DENY, ARGUMENTS_SHA256));

      assertThat(env.outcome().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(fake.log())
          .contains(
              "recordApproval denied",
              "refuseTool local publish: not run: denied by carol: looks odd",
              "callTool local write_artifact step 1")
          .noneMatch(e -> e.startsWith("callTool local publish"));
    }
  }

  @Test
  void anUndecidedCallExpiresAndIsAnsweredSoAndTheRunGoesOn() throws Exception {
    FakeRunActivities fake = fake();
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      env.start();

      // Nobody decides: the test server skips the hour the approval may wait.
      assertThat(env.outcome().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(fake.log())
          .contains(
              "recordApproval expired",
              "refuseTool local publish: not run: its approval expired before anyone decided");
    }
  }

  @Test
  void aDecisionOnOtherArgumentsIsRefusedAndTheCallStillWaits() throws Exception {
    FakeRunActivities fake = fake();
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = env.start();
      fake.awaitLogged("requestApproval");

      assertThatThrownBy(() -> run.decide(decision(fake, ApprovalDecision.APPROVE, "b".repeat(64))))
          .isInstanceOf(WorkflowUpdateException.class)
          .rootCause()
          .hasMessageContaining(ApprovalRejections.ARGUMENTS_MISMATCH);
      run.decide(decision(fake, ApprovalDecision.APPROVE, ARGUMENTS_SHA256));
      assertThat(env.outcome().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(fake.log()).contains("callTool local publish step 1 approved");
    }
  }
}
