package dev.agentruntime.core.approval;

import java.util.UUID;

/**
 * A tool call that must be approved before it runs, to be recorded as pending.
 *
 * @param approvalId chosen by the workflow (deterministic), so a retried request records one row
 * @param transcriptKey the transcript holding the model answer that asked for the call
 * @param expiresAtMillis when it counts as denied if nobody decided (epoch milliseconds)
 */
public record ApprovalRequest(
    String tenantId,
    UUID runId,
    String approvalId,
    int step,
    int callIndex,
    String transcriptKey,
    long expiresAtMillis) {}
