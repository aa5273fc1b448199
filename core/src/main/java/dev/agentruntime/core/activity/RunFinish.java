package dev.agentruntime.core.activity;

import dev.agentruntime.core.workflow.RunOutcome;
import java.util.UUID;

/**
 * The end of a run, to be projected: status, reason, and for a success the output artifact taken
 * from the final answer in the transcript.
 *
 * @param transcriptSha256 SHA-256 of that transcript as the last step wrote it ({@link
 *     ObjectDigests}); {@code null} when unknown
 */
public record RunFinish(
    String tenantId,
    UUID runId,
    RunOutcome outcome,
    String transcriptKey,
    String transcriptSha256) {

  public RunFinish(String tenantId, UUID runId, RunOutcome outcome, String transcriptKey) {
    this(tenantId, runId, outcome, transcriptKey, null);
  }
}
