package dev.agentruntime.core.activity;

import java.util.List;
import java.util.UUID;

/**
 * One attempt of one step of a pipeline run, with the steps that ended before its stage and what
 * the pipeline has left to give a child (as {@link ChildRunRequest}).
 *
 * @param stage the stage's index in the plan
 * @param member the step's index within its stage
 * @param attempt 1 for the first child run of the step
 */
public record PipelineStepRequest(
    String tenantId,
    UUID runId,
    UUID agentVersionId,
    int stage,
    int member,
    int attempt,
    List<PipelineStepEnd> ended,
    int stepsLeft,
    long tokensLeft,
    int depthLeft,
    int childrenLeft) {

  public PipelineStepRequest {
    ended = List.copyOf(ended);
  }
}
