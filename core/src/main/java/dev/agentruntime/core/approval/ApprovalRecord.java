package dev.agentruntime.core.approval;

import java.util.UUID;

/** An approval's outcome, to be projected to its row and the run's timeline. */
public record ApprovalRecord(String tenantId, UUID runId, int step, ApprovalOutcome outcome) {}
