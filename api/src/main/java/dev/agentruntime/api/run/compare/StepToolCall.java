package dev.agentruntime.api.run.compare;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tool call of a step and how it ended. */
public record StepToolCall(
    @Schema(minimum = "0") int index,
    String tool,
    @Schema(enumeration = {"completed", "failed"}) String outcome) {}
