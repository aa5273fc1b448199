package dev.agentruntime.core.activity;

import java.util.List;
import java.util.UUID;

/**
 * Every stage of pipeline run {@code runId} has ended: build its output.
 *
 * @param transcriptKey the run's opening transcript, to which the output is added as its answer
 */
public record PipelineFinishRequest(
    String tenantId,
    UUID runId,
    UUID agentVersionId,
    String transcriptKey,
    List<PipelineStepEnd> ended) {

  public PipelineFinishRequest {
    ended = List.copyOf(ended);
  }
}
