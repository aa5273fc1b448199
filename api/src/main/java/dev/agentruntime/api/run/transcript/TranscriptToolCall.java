package dev.agentruntime.api.run.transcript;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tool call an assistant message asked for. */
public record TranscriptToolCall(
    @Schema(description = "The call's id, as the model gave it; a tool message names it") String id,
    @Schema(description = "The tool's name") String name,
    @Schema(
            description =
                "The arguments exactly as the model sent them: a string, usually a JSON object's"
                    + " text, not parsed (a model may send arguments that are not JSON)")
        String arguments) {}
