package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.approval.ApprovalOutcome;
import dev.agentruntime.core.approval.ApprovalRejections;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure.ApprovalRow;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Tool calls that wait for a person: the real workflow and activities on Temporal's test server,
 * PostgreSQL, S3 and the real LangChain4j client.
 */
class ApprovalWorkflowTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Summarize the quarterly report\"}";

  /** The arguments the fake model sends for its first tool call, as a person sees them. */
  private static final String SHOWN =
      "{\"content\":\"Summarize the quarterly report\",\"name\":\"notes-1.txt\"}";

  @Test
  void anApprovedCallRunsOnceWithExactlyTheArgumentsShown() throws Exception {
    RunWorkflowInput run = gatedRun(new LimitsSpec(null, null, 60), 600);
    AgentRunWorkflow workflow = harness.start(run);
    ApprovalRow pending = awaitPending(run);

    assertThat(pending.arguments()).isEqualTo(SHOWN);
    assertThat(pending.argumentsSha256()).isEqualTo(CanonicalJson.sha256Hex(SHOWN));
    assertThat(infra.runRow(run)).containsEntry("status", "waiting_for_approval");
    ApprovalOutcome outcome = workflow.decide(approve(pending, "looks right"));

    assertThat(outcome.status()).isEqualTo("approved");
    assertThat(harness.outcome(run, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.approvals(run))
        .containsExactly(
            new ApprovalRow(
                pending.id(),
                "approved",
                TestSpecs.TOOL,
                SHOWN,
                pending.argumentsSha256(),
                "carol",
                "looks right"));
    assertThat(infra.artifactRow(run, "notes-1.txt")).isPresent();
    List<String> types = infra.events(run).stream().map(Event::type).toList();
    assertThat(types)
        .containsSubsequence(
            RunEventTypes.APPROVAL_REQUESTED,
            RunEventTypes.APPROVAL_DECIDED,
            RunEventTypes.TOOL_CALL_COMPLETED,
            RunEventTypes.RUN_SUCCEEDED);
    assertThat(types).filteredOn(RunEventTypes.TOOL_CALL_COMPLETED::equals).hasSize(1);
    harness.recordHistory(run, "agent-run-approved-v4.json");
  }

  @Test
  void decisionsOnOtherArgumentsOrAfterAnotherDecisionChangeNothing() throws Exception {
    RunWorkflowInput run = gatedRun(new LimitsSpec(null, null, 60), 600);
    AgentRunWorkflow workflow = harness.start(run);
    ApprovalRow pending = awaitPending(run);

    ApprovalDecision forged =
        new ApprovalDecision(pending.id(), "approve", "0".repeat(64), "mallory", null);
    assertThat(rejection(() -> workflow.decide(forged)))
        .isEqualTo(ApprovalRejections.ARGUMENTS_MISMATCH);
    assertThat(infra.approvals(run).get(0).status()).isEqualTo("pending");

    ApprovalDecision deny =
        new ApprovalDecision(pending.id(), "deny", pending.argumentsSha256(), "carol", "no");
    ApprovalOutcome denied = workflow.decide(deny);
    assertThat(denied.status()).isEqualTo("denied");
    assertThat(workflow.decide(deny)).isEqualTo(denied);
    assertThat(rejection(() -> workflow.decide(approve(pending, null))))
        .isEqualTo(ApprovalRejections.ALREADY_DECIDED);

    // The model is told, and the run goes on without the tool's effect.
    assertThat(harness.outcome(run, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.artifactRow(run, "notes-1.txt")).isEmpty();
    Event failed = only(infra.events(run), RunEventTypes.TOOL_CALL_FAILED);
    assertThat(failed.payload()).contains("not run: denied by carol: no");
    assertThat(infra.approvals(run).get(0).status()).isEqualTo("denied");
  }

  @Test
  void anApprovalNobodyDecidesExpiresAndCountsAsDenied() throws Exception {
    RunWorkflowInput run = gatedRun(new LimitsSpec(null, null, 60), 2);
    harness.start(run);
    ApprovalRow pending = awaitPending(run);

    assertThat(harness.outcome(run, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.approvals(run).get(0).status()).isEqualTo("expired");
    assertThat(only(infra.events(run), RunEventTypes.TOOL_CALL_FAILED).payload())
        .contains("expired");
    assertThat(infra.artifactRow(run, "notes-1.txt")).isEmpty();
    assertThat(pending.status()).isEqualTo("pending");
  }

  @Test
  void waitingForApprovalDoesNotCountAgainstTheTimeLimit() throws Exception {
    RunWorkflowInput run = gatedRun(new LimitsSpec(null, null, 3), 600);
    AgentRunWorkflow workflow = harness.start(run);
    ApprovalRow pending = awaitPending(run);

    Thread.sleep(5000); // longer than the whole 3 s limit
    workflow.decide(approve(pending, null));

    assertThat(harness.outcome(run, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aPauseAskedForWhileWaitingHoldsTheApprovedCallUntilResumed() throws Exception {
    RunWorkflowInput run = gatedRun(new LimitsSpec(null, null, 60), 600);
    AgentRunWorkflow workflow = harness.start(run);
    ApprovalRow pending = awaitPending(run);

    workflow.pause(new RunControl("bob", null));
    workflow.decide(approve(pending, null));
    awaitTrue(() -> "paused".equals(infra.runRow(run).get("status")));
    assertThat(infra.events(run))
        .extracting(Event::type)
        .doesNotContain(RunEventTypes.TOOL_CALL_COMPLETED);

    workflow.resume(new RunControl("bob", null));
    assertThat(harness.outcome(run, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.artifactRow(run, "notes-1.txt")).isPresent();
    harness.recordHistory(run, "agent-run-approved-while-paused-v4.json");
  }

  @Test
  void cancelWhileWaitingEndsTheRunAndItsApproval() throws Exception {
    RunWorkflowInput run = gatedRun(new LimitsSpec(null, null, 60), 600);
    AgentRunWorkflow workflow = harness.start(run);
    ApprovalRow pending = awaitPending(run);

    workflow.cancel(new RunControl("alice", null));
    RunOutcome outcome = harness.outcome(run, Duration.ofSeconds(10));

    assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(infra.approvals(run).get(0).status()).isEqualTo("cancelled");
    assertThat(infra.artifactRow(run, "notes-1.txt")).isEmpty();
    assertThat(infra.approvals(run).get(0).id()).isEqualTo(pending.id());
  }

  private RunWorkflowInput gatedRun(LimitsSpec limits, int approvalSeconds) {
    return infra.seedRun(TestSpecs.gated(model.baseUrl(), limits, approvalSeconds), INPUT);
  }

  private static ApprovalDecision approve(ApprovalRow pending, String comment) {
    return new ApprovalDecision(
        pending.id(), "approve", pending.argumentsSha256(), "carol", comment);
  }

  private static ApprovalRow awaitPending(RunWorkflowInput run) throws InterruptedException {
    awaitTrue(() -> !infra.approvals(run).isEmpty());
    return infra.approvals(run).get(0);
  }

  private static String rejection(Runnable decision) {
    Throwable thrown = catchThrowable(decision::run);
    assertThat(thrown).isInstanceOf(WorkflowUpdateException.class);
    return ApprovalRejections.of(thrown).orElseThrow(() -> new AssertionError(thrown));
  }

  private static Event only(List<Event> events, String type) {
    List<Event> matching = events.stream().filter(e -> e.type().equals(type)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
