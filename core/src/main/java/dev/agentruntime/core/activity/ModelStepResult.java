package dev.agentruntime.core.activity;

import java.util.List;

/**
 * The model's answer to one step.
 *
 * @param transcriptKey object key of the transcript including this answer
 * @param toolCalls tool calls requested, empty for a final answer
 * @param finalAnswer whether the model answered without requesting tools
 * @param tokens input plus output tokens the call consumed
 */
public record ModelStepResult(
    String transcriptKey, List<ToolCallRef> toolCalls, boolean finalAnswer, long tokens) {

  public ModelStepResult {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }
}
