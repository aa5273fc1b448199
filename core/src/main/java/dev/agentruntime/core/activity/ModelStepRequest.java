package dev.agentruntime.core.activity;

import java.util.List;
import java.util.UUID;

/**
 * One model call: the transcript so far plus the results of the previous step's tool calls.
 *
 * @param step 1-based step number within the run
 * @param transcriptKey object key of the transcript up to the previous model answer
 * @param toolResultKeys object keys of the tool results to append before calling, in call order
 * @param digests SHA-256 of those objects as the activities that wrote them reported (see {@link
 *     ObjectDigests}); {@code null} in requests recorded before it existed
 */
public record ModelStepRequest(
    String tenantId,
    UUID runId,
    UUID agentVersionId,
    int step,
    String transcriptKey,
    List<String> toolResultKeys,
    ObjectDigests digests) {

  public ModelStepRequest {
    toolResultKeys = toolResultKeys == null ? List.of() : List.copyOf(toolResultKeys);
  }

  public ModelStepRequest(
      String tenantId,
      UUID runId,
      UUID agentVersionId,
      int step,
      String transcriptKey,
      List<String> toolResultKeys) {
    this(tenantId, runId, agentVersionId, step, transcriptKey, toolResultKeys, null);
  }

  /** The digest the writer reported for {@code key}, or {@code null} when unknown. */
  public String digestOf(String key) {
    return digests == null ? null : digests.get(key);
  }
}
