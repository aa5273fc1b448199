package dev.agentruntime.core.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The steps of a pipeline run: each step's child run is admitted with the input its template builds
 * from the pipeline's input and the earlier steps' outputs; each step's end is recorded; and the
 * pipeline's output is built when every stage has ended. The workflow starts and awaits the child
 * runs in between, as for sub-agent calls.
 */
@ActivityInterface
public interface PipelineActivities {

  /**
   * Admits the child run of one attempt of a step, or refuses it (its input cannot be built, the
   * agent's version is not the tenant's, the pipeline's limits cannot hold the child's): a refused
   * step is failed and not retried. Idempotent per step and attempt.
   */
  @ActivityMethod
  ChildStart startStep(PipelineStepRequest request);

  /**
   * Whether a step's child answered what its agent's {@code outputSchema} allows: {@code null} when
   * it does (or the agent declares none), else why not, which fails the attempt (a retried step
   * starts a new child run).
   */
  @ActivityMethod
  String checkOutput(PipelineOutputCheck check);

  /** Records how a step ended in the pipeline's timeline ({@code pipeline.step.ended}). */
  @ActivityMethod
  void recordStep(PipelineStepRecord record);

  /**
   * Builds the pipeline's output from its template and writes it as the run's final answer (its
   * last transcript); an output that cannot be built answers why, and nothing is written.
   */
  @ActivityMethod
  PipelineFinish finishPipeline(PipelineFinishRequest request);
}
