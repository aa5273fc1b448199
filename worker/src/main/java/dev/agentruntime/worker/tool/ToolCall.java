package dev.agentruntime.worker.tool;

import dev.agentruntime.core.spec.ToolSpec;
import java.util.UUID;

/**
 * One call of a tool, as the model stated it.
 *
 * @param spec the tool as the run's spec declares it
 * @param arguments the arguments as the model wrote them (a JSON text, unchecked)
 * @param effectKey a key unique to this call, stable across its retries, for keying its effects
 */
public record ToolCall(
    String tenantId,
    UUID runId,
    int step,
    int index,
    String callId,
    ToolSpec spec,
    String arguments,
    String effectKey) {}
