package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.CarriedApproval;
import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.activity.RunStoreActivities;
import dev.agentruntime.core.activity.ToolCallRef;
import dev.agentruntime.core.activity.ToolPolicy;
import dev.agentruntime.core.approval.ApprovalOutcome;
import dev.agentruntime.core.approval.ApprovalRecord;
import dev.agentruntime.core.approval.ApprovalRequest;
import dev.agentruntime.core.approval.ApprovalStatus;
import dev.agentruntime.core.approval.ApprovalTicket;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds the tool calls of one model answer that need a person's approval until each is decided or
 * expires, with the run's clock stopped meanwhile. Workflow code: deterministic.
 */
final class ToolGate implements CallGate {

  private final RunWorkflowInput input;
  private final RunPlan plan;
  private final RunStoreActivities store;
  private final Approvals approvals;
  private final RunDeadline deadline;
  private final ForkedSteps fork;

  ToolGate(
      RunWorkflowInput input,
      RunPlan plan,
      RunStoreActivities store,
      Approvals approvals,
      RunDeadline deadline,
      ForkedSteps fork) {
    this.fork = fork;
    this.input = input;
    this.plan = plan;
    this.store = store;
    this.approvals = approvals;
    this.deadline = deadline;
  }

  /** Returns once every gated call is decided or expired. */
  @Override
  public List<Verdict> await(int step, String transcriptKey, List<ToolCallRef> calls) {
    List<Verdict> verdicts = new ArrayList<>();
    List<ApprovalTicket> waiting = new ArrayList<>();
    List<Long> expiries = new ArrayList<>();
    for (ToolCallRef call : calls) {
      Optional<ToolPolicy> policy = plan.approvalPolicy(call.name());
      if (policy.isEmpty()) {
        verdicts.add(Verdict.UNGATED);
        continue;
      }
      CarriedApproval carried = fork.carry(input, step, call, transcriptKey);
      if (carried != null) {
        verdicts.add(new Verdict(carried.argumentsSha256(), null));
        continue;
      }
      String approvalId = Workflow.randomUUID().toString();
      long expiresAt = Workflow.currentTimeMillis() + policy.get().approvalTimeoutSeconds() * 1000L;
      approvals.announce(approvalId);
      ApprovalTicket ticket =
          store.requestApproval(
              new ApprovalRequest(
                  input.tenantId(),
                  input.runId(),
                  approvalId,
                  step,
                  call.index(),
                  transcriptKey,
                  expiresAt));
      if (ticket.argumentsSha256() == null) {
        approvals.withdraw(approvalId);
        verdicts.add(
            new Verdict(null, "the arguments are not JSON, so nobody could approve them; not run"));
        continue;
      }
      approvals.open(ticket, expiresAt, step);
      verdicts.add(null); // decided below
      waiting.add(ticket);
      expiries.add(expiresAt);
    }
    if (waiting.isEmpty()) {
      return verdicts;
    }
    deadline.hold();
    List<ApprovalOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < waiting.size(); i++) {
      outcomes.add(decision(step, waiting.get(i).approvalId(), expiries.get(i)));
    }
    deadline.resume();
    int next = 0;
    for (int i = 0; i < verdicts.size(); i++) {
      if (verdicts.get(i) == null) {
        ApprovalOutcome outcome = outcomes.get(next);
        verdicts.set(i, verdict(waiting.get(next), outcome));
        next++;
      }
    }
    return verdicts;
  }

  /** Waits for a person's decision (recorded by the update handler) or the expiry. */
  private ApprovalOutcome decision(int step, String approvalId, long expiresAt) {
    Duration left = Duration.ofMillis(Math.max(0, expiresAt - Workflow.currentTimeMillis()));
    Workflow.await(left, () -> approvals.isRecorded(approvalId));
    if (approvals.isRecorded(approvalId)) {
      return approvals.outcome(approvalId);
    }
    ApprovalOutcome expired =
        approvals.close(
            new ApprovalOutcome(
                approvalId, ApprovalStatus.EXPIRED, null, null, Workflow.currentTimeMillis()));
    if (expired.status().equals(ApprovalStatus.EXPIRED)) {
      store.recordApproval(new ApprovalRecord(input.tenantId(), input.runId(), step, expired));
      approvals.markRecorded(approvalId);
      return expired;
    }
    // A decision closed it in the same instant: wait for its handler to record it.
    Workflow.await(() -> approvals.isRecorded(approvalId));
    return approvals.outcome(approvalId);
  }

  private static Verdict verdict(ApprovalTicket ticket, ApprovalOutcome outcome) {
    if (outcome.approved()) {
      return new Verdict(ticket.argumentsSha256(), null);
    }
    if (outcome.status().equals(ApprovalStatus.EXPIRED)) {
      return new Verdict(null, "not run: its approval expired before anyone decided");
    }
    StringBuilder why = new StringBuilder("not run: denied by ").append(outcome.actor());
    if (outcome.comment() != null && !outcome.comment().isBlank()) {
      why.append(": ").append(outcome.comment());
    }
    return new Verdict(null, why.toString());
  }
}
