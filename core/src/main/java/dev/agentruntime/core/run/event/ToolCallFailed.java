package dev.agentruntime.core.run.event;

/**
 * {@code tool.call.failed}: the call was refused or failed; {@code error} goes back to the model
 * and the run goes on.
 */
public record ToolCallFailed(int step, int index, String tool, String callId, String error)
    implements RunEventPayload {}
