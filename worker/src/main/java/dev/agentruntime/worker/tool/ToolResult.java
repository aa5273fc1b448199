package dev.agentruntime.worker.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a tool call produced.
 *
 * @param text what the model reads as the call's result
 * @param eventFields what the {@code tool.call.completed} event records besides the call itself
 */
public record ToolResult(String text, ObjectNode eventFields) {}
