package dev.agentruntime.core.activity;

import dev.agentruntime.core.workflow.RunOutcome;
import java.util.UUID;

/**
 * The end of a run, to be projected: status, reason, and for a success the output artifact taken
 * from the final answer in the transcript.
 */
public record RunFinish(String tenantId, UUID runId, RunOutcome outcome, String transcriptKey) {}
