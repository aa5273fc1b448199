package dev.agentruntime.core.activity;

import java.util.List;

/**
 * The model's answer to one step.
 *
 * @param transcriptKey object key of the transcript including this answer
 * @param toolCalls tool calls requested, empty for a final answer
 * @param finalAnswer whether the model answered without requesting tools
 * @param tokens input plus output tokens the call consumed
 * @param transcriptSha256 SHA-256 of the transcript as this attempt wrote it, so that the next
 *     activity on the same worker can read it from memory ({@link ObjectDigests}); {@code null}
 *     when unknown (results recorded before it existed, a retry that reused a recorded answer)
 */
public record ModelStepResult(
    String transcriptKey,
    List<ToolCallRef> toolCalls,
    boolean finalAnswer,
    long tokens,
    String transcriptSha256) {

  public ModelStepResult {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public ModelStepResult(
      String transcriptKey, List<ToolCallRef> toolCalls, boolean finalAnswer, long tokens) {
    this(transcriptKey, toolCalls, finalAnswer, tokens, null);
  }
}
