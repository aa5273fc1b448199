package dev.agentruntime.core.activity;

import java.util.UUID;

/**
 * One tool call to execute.
 *
 * @param step the model step that requested it
 * @param transcriptKey object key of the transcript whose last message requested the call
 * @param call which call of that message to execute
 */
public record ToolStepRequest(
    String tenantId,
    UUID runId,
    UUID agentVersionId,
    int step,
    String transcriptKey,
    ToolCallRef call) {}
