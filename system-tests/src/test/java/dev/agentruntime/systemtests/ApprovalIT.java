package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.client.api.ApprovalsApi;
import dev.agentruntime.client.model.ApprovalResponse;
import dev.agentruntime.client.model.DecideApprovalRequest;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.standalone.Stack;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Approvals on the packaged API and worker over a real Temporal server: a person approves a tool
 * call through the API, and a worker killed right after the decision neither loses it nor runs the
 * tool twice.
 */
@ExtendWith(E2EStack.class)
class ApprovalIT {

  @Test
  void anApprovalSurvivesAWorkerKilledRightAfterItAndTheToolRunsOnce() {
    Stack stack = E2EStack.stack();
    E2ETenant api = E2ETenant.newTenant(stack);
    api.createGatedAgent("gated", E2EStack.model().baseUrl());
    String runId = api.startRun("gated", "approve me");

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "waiting_for_approval".equals(api.run(runId).getStatus().getValue()));
    ApprovalsApi approvals = api.client().approvals();
    UUID run = UUID.fromString(runId);
    ApprovalResponse pending = E2ETenant.call(() -> approvals.listApprovals(run)).get(0);
    UUID approvalId = UUID.fromString(pending.getId());
    String sha = pending.getArgumentsSha256();
    assertThat(pending.getStatus()).isEqualTo(ApprovalResponse.StatusEnum.PENDING);
    assertThat(pending.getArguments())
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("content", "approve me");

    long asked = System.nanoTime();
    ApprovalResponse decided =
        E2ETenant.call(
            () ->
                approvals.decideApproval(
                    approvalId,
                    run,
                    new DecideApprovalRequest()
                        .decision(DecideApprovalRequest.DecisionEnum.APPROVE)
                        .argumentsSha256(sha)
                        .comment("fine")));
    assertThat(decided.getStatus()).isEqualTo(ApprovalResponse.StatusEnum.APPROVED);
    System.out.printf(
        "approval confirmed synchronously after %d ms%n", (System.nanoTime() - asked) / 1_000_000);
    stack.killWorker();
    stack.startNewWorker();

    RunResponse ended = api.awaitEnd(runId, Duration.ofSeconds(90));
    assertThat(ended.getStatus().getValue()).isEqualTo("succeeded");
    assertThat(ended.getApprovals().get(0).getStatus())
        .isEqualTo(ApprovalResponse.StatusEnum.APPROVED);
    assertThat(ended.getApprovals().get(0).getDecidedBy()).isNotBlank();
    List<String> types = api.eventTypes(runId);
    assertThat(types).filteredOn("tool.call.completed"::equals).hasSize(1);
    assertThat(types)
        .containsSubsequence(
            "approval.requested", "approval.decided", "tool.call.completed", "run.succeeded");
    assertThat(api.artifacts(runId)).extracting(a -> a.getName()).contains("notes-1.txt");
    // The same decision again is answered from the record; another one is refused.
    E2ETenant.call(() -> approvals.decideApproval(approvalId, run, decision("approve", sha)));
    assertThat(
            E2ETenant.refusal(
                    () -> approvals.decideApproval(approvalId, run, decision("deny", sha)))
                .getCode())
        .isEqualTo(409);
  }

  @Test
  void aDeniedCallIsAnsweredToTheModelAndTheRunGoesOn() {
    Stack stack = E2EStack.stack();
    E2ETenant api = E2ETenant.newTenant(stack);
    api.createGatedAgent("denied", E2EStack.model().baseUrl());
    String runId = api.startRun("denied", "deny me");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "waiting_for_approval".equals(api.run(runId).getStatus().getValue()));
    ApprovalsApi approvals = api.client().approvals();
    UUID run = UUID.fromString(runId);
    ApprovalResponse pending = E2ETenant.call(() -> approvals.listApprovals(run)).get(0);

    DecideApprovalRequest deny =
        decision("deny", pending.getArgumentsSha256()).comment("not today");
    ApprovalResponse decided =
        E2ETenant.call(() -> approvals.decideApproval(UUID.fromString(pending.getId()), run, deny));
    assertThat(decided.getStatus()).isEqualTo(ApprovalResponse.StatusEnum.DENIED);

    assertThat(api.awaitEnd(runId, Duration.ofSeconds(60)).getStatus().getValue())
        .isEqualTo("succeeded");
    assertThat(api.artifacts(runId)).extracting(a -> a.getName()).doesNotContain("notes-1.txt");
    assertThat(api.eventTypes(runId)).contains("tool.call.failed");
  }

  private static DecideApprovalRequest decision(String decision, String argumentsSha256) {
    return new DecideApprovalRequest()
        .decision(DecideApprovalRequest.DecisionEnum.fromValue(decision))
        .argumentsSha256(argumentsSha256);
  }
}
