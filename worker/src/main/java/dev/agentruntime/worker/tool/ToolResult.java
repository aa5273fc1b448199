package dev.agentruntime.worker.tool;

import dev.agentruntime.core.run.event.ToolCallCompleted;

/**
 * What a tool call produced.
 *
 * @param text what the model reads as the call's result
 * @param effect what the {@code tool.call.completed} event records besides the call itself
 */
public record ToolResult(String text, ToolCallCompleted.Effect effect) {}
