package dev.agentruntime.api.run.transcript;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One message of a run's conversation, in one shape for every role: the fields a role does not have
 * are null (or empty, false), never absent.
 */
public record TranscriptMessage(
    @Schema(
            enumeration = {SYSTEM, USER, ASSISTANT, TOOL},
            description =
                "system: the agent's instructions; user: the run's input as the model read it;"
                    + " assistant: a model answer (or an HTTP agent's turn); tool: a tool's result")
        String role,
    @Schema(
            nullable = true,
            description =
                "The message's text; null when it has none (an assistant message that only calls"
                    + " tools). Several text parts are joined by a line break; parts that are not"
                    + " text (images) are not shown")
        String text,
    @Schema(description = "assistant only: the tool calls it asked for, in order; else empty")
        List<TranscriptToolCall> toolCalls,
    @Schema(nullable = true, description = "tool only: the id of the call this is the result of")
        String toolCallId,
    @Schema(nullable = true, description = "tool only: the tool that answered") String toolName,
    @Schema(
            description =
                "tool only: true when the tool reported a failure (its text says what); else"
                    + " false")
        boolean failed) {

  public static final String SYSTEM = "system";
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";
  public static final String TOOL = "tool";

  static TranscriptMessage system(String text) {
    return new TranscriptMessage(SYSTEM, text, List.of(), null, null, false);
  }

  static TranscriptMessage user(String text) {
    return new TranscriptMessage(USER, text, List.of(), null, null, false);
  }

  static TranscriptMessage assistant(String text, List<TranscriptToolCall> toolCalls) {
    return new TranscriptMessage(ASSISTANT, text, List.copyOf(toolCalls), null, null, false);
  }

  static TranscriptMessage tool(String toolCallId, String toolName, String text, boolean failed) {
    return new TranscriptMessage(TOOL, text, List.of(), toolCallId, toolName, failed);
  }
}
