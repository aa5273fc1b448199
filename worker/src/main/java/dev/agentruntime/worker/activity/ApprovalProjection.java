package dev.agentruntime.worker.activity;

import dev.agentruntime.core.approval.ApprovalOutcome;
import dev.agentruntime.core.approval.ApprovalRecord;
import dev.agentruntime.core.approval.ApprovalRequest;
import dev.agentruntime.core.approval.ApprovalStatus;
import dev.agentruntime.core.approval.ApprovalTicket;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.ApprovalDecided;
import dev.agentruntime.core.run.event.ApprovalRequested;
import dev.agentruntime.core.run.event.DescendantApprovalRequested;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.store.ApprovalRepository;
import dev.agentruntime.worker.store.RunEventRepository;
import dev.agentruntime.worker.store.RunRecord;
import dev.agentruntime.worker.store.RunRepository;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Projects approvals to PostgreSQL: the pending request with the exact arguments a person will see
 * (canonical JSON and its hash), and what became of it.
 */
@Singleton
public class ApprovalProjection {

  private final ApprovalRepository approvals;
  private final RunEventRepository events;
  private final Transcripts transcripts;
  private final RunRepository runs;

  public ApprovalProjection(
      ApprovalRepository approvals,
      RunEventRepository events,
      Transcripts transcripts,
      RunRepository runs) {
    this.runs = runs;
    this.approvals = approvals;
    this.events = events;
    this.transcripts = transcripts;
  }

  public ApprovalTicket request(ApprovalRequest request) {
    AiMessage answer = Transcripts.lastAiMessage(transcripts.read(request.transcriptKey()));
    List<ToolExecutionRequest> calls = answer == null ? List.of() : answer.toolExecutionRequests();
    if (request.callIndex() >= calls.size()) {
      throw new IllegalStateException(
          "transcript " + request.transcriptKey() + " has no tool call " + request.callIndex());
    }
    ToolExecutionRequest call = calls.get(request.callIndex());
    String canonical;
    try {
      canonical = CanonicalJson.canonicalize(call.arguments());
    } catch (RuntimeException notJson) {
      // Nothing a person could approve: the workflow refuses the call instead of asking.
      return new ApprovalTicket(request.approvalId(), call.id(), call.name(), null);
    }
    String sha256 = CanonicalJson.sha256Hex(canonical);
    Instant expiresAt = Instant.ofEpochMilli(request.expiresAtMillis());
    approvals.insertPending(
        new ApprovalRepository.Pending(
            request.approvalId(),
            request.tenantId(),
            request.runId(),
            request.step(),
            request.callIndex(),
            call.id(),
            call.name(),
            canonical,
            sha256,
            expiresAt));
    events.append(
        request.tenantId(),
        request.runId(),
        RunEventKeys.approvalRequested(request.approvalId()),
        new ApprovalRequested(
            request.approvalId(),
            request.step(),
            request.callIndex(),
            call.id(),
            call.name(),
            sha256,
            expiresAt.toString(),
            List.copyOf(ApprovalStatus.APPROVER_ROLES)));
    announceToRoot(request, call, sha256, expiresAt);
    return new ApprovalTicket(request.approvalId(), call.id(), call.name(), sha256);
  }

  /**
   * A run below a root waits: the root's timeline says so, so that whoever watches the root sees
   * every decision its tree waits for (the decision is made on the run that asked).
   */
  private void announceToRoot(
      ApprovalRequest request, ToolExecutionRequest call, String sha256, Instant expiresAt) {
    RunRecord.Tree tree =
        runs.find(request.tenantId(), request.runId()).map(RunRecord::tree).orElse(null);
    if (tree == null) {
      return;
    }
    events.append(
        request.tenantId(),
        tree.rootRunId(),
        RunEventKeys.descendantApproval(request.approvalId()),
        new DescendantApprovalRequested(
            request.runId(),
            tree.depth(),
            request.approvalId(),
            call.name(),
            sha256,
            expiresAt.toString()));
  }

  public void record(ApprovalRecord record) {
    ApprovalOutcome outcome = record.outcome();
    approvals.decide(
        record.tenantId(),
        record.runId(),
        outcome.approvalId(),
        outcome.status(),
        outcome.actor(),
        outcome.comment(),
        Instant.ofEpochMilli(outcome.decidedAtMillis()));
    events.append(
        record.tenantId(),
        record.runId(),
        RunEventKeys.approvalDecided(outcome.approvalId()),
        new ApprovalDecided(
            outcome.approvalId(),
            record.step(),
            outcome.status(),
            outcome.actor(),
            outcome.comment()));
  }
}
