package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * {@code step.reused}: step {@code step} of a fork was taken as recorded from its source run, not
 * decided again: no model call or agent turn was made and none of its tool calls ran again. The
 * fork's own transcript holds the step's answer and its tool results as the source recorded them.
 *
 * @param sourceRunId the run the step was recorded in
 * @param decider {@code model} (the built-in loop) or {@code agent} (an HTTP agent's turn)
 * @param tokens what the step cost when the source ran it; the fork spends none of it
 * @param toolCalls the step's tool calls with the outcome the source recorded, in order
 */
public record StepReused(
    int step, UUID sourceRunId, String decider, long tokens, List<ReusedToolCall> toolCalls)
    implements RunEventPayload {

  public StepReused {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /**
   * A tool call of a reused step.
   *
   * @param failed whether the source recorded it as {@code tool.call.failed} (refused or failed);
   *     the model read the same error then as the fork's next step reads now
   * @param childRunId for a call of a tool of kind agent, the source's child run whose result is
   *     reused; absent otherwise
   */
  public record ReusedToolCall(
      int index,
      String tool,
      String callId,
      boolean failed,
      @JsonInclude(JsonInclude.Include.NON_NULL) UUID childRunId) {}
}
