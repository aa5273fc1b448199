package dev.agentruntime.core.activity;

import java.util.UUID;

/**
 * One tool call to execute.
 *
 * @param step the model step that requested it
 * @param transcriptKey object key of the transcript whose last message requested the call
 * @param call which call of that message to execute
 * @param approvedArgumentsSha256 for a call that needed approval, the hash of the arguments that
 *     were approved: the tool runs only if the call's arguments still hash to it; else {@code null}
 * @param transcriptSha256 SHA-256 of the transcript as the model call wrote it ({@link
 *     ObjectDigests}); {@code null} when unknown
 */
public record ToolStepRequest(
    String tenantId,
    UUID runId,
    UUID agentVersionId,
    int step,
    String transcriptKey,
    ToolCallRef call,
    String approvedArgumentsSha256,
    String transcriptSha256) {

  public ToolStepRequest(
      String tenantId,
      UUID runId,
      UUID agentVersionId,
      int step,
      String transcriptKey,
      ToolCallRef call,
      String approvedArgumentsSha256) {
    this(tenantId, runId, agentVersionId, step, transcriptKey, call, approvedArgumentsSha256, null);
  }

  public ToolStepRequest(
      String tenantId,
      UUID runId,
      UUID agentVersionId,
      int step,
      String transcriptKey,
      ToolCallRef call) {
    this(tenantId, runId, agentVersionId, step, transcriptKey, call, null, null);
  }
}
