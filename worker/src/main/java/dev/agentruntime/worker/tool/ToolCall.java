package dev.agentruntime.worker.tool;

import dev.agentruntime.core.spec.ToolSpec;
import java.util.UUID;

/**
 * One call of a tool, as the model stated it.
 *
 * @param agentVersionId the run's agent version (MCP pins are kept per version)
 * @param toolName the name the model called: the spec entry's name, or for an mcp entry one of its
 *     {@code allowedTools}
 * @param spec the spec entry that serves the tool
 * @param arguments the arguments as the model wrote them (a JSON text, unchecked)
 * @param effectKey a key unique to this call, stable across its retries, for keying its effects
 */
public record ToolCall(
    String tenantId,
    UUID runId,
    UUID agentVersionId,
    int step,
    int index,
    String callId,
    String toolName,
    ToolSpec spec,
    String arguments,
    String effectKey) {}
