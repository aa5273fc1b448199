package dev.agentruntime.core.activity;

import java.util.List;
import java.util.UUID;

/**
 * One model call: the transcript so far plus the results of the previous step's tool calls.
 *
 * @param step 1-based step number within the run
 * @param transcriptKey object key of the transcript up to the previous model answer
 * @param toolResultKeys object keys of the tool results to append before calling, in call order
 */
public record ModelStepRequest(
    String tenantId,
    UUID runId,
    UUID agentVersionId,
    int step,
    String transcriptKey,
    List<String> toolResultKeys) {

  public ModelStepRequest {
    toolResultKeys = toolResultKeys == null ? List.of() : List.copyOf(toolResultKeys);
  }
}
