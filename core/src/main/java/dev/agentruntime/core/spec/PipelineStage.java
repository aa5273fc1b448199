package dev.agentruntime.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * One stage of a pipeline's execution: a single step, or the members of a parallel group, which
 * start together; the next stage starts when every step of this one has ended. The plan is a pure
 * function of the spec, so a workflow can rebuild it identically on replay.
 *
 * @param index the stage's position in {@code pipeline.steps}
 * @param steps the single steps of the stage, in the order the spec lists them
 * @param parallel whether the stage is a parallel group
 */
public record PipelineStage(int index, List<PipelineStep> steps, boolean parallel) {

  public PipelineStage {
    steps = List.copyOf(steps);
  }

  /** Where the stage is in the spec, e.g. {@code pipeline.steps[2]}. */
  public String path() {
    return "pipeline.steps[" + index + "]";
  }

  /**
   * The stages of a pipeline that {@link PipelineRules} accepted, in the order they run.
   *
   * @throws IllegalArgumentException for a pipeline without steps, which was never accepted
   */
  public static List<PipelineStage> plan(PipelineSpec pipeline) {
    if (pipeline == null || pipeline.steps() == null || pipeline.steps().isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least one step");
    }
    List<PipelineStage> stages = new ArrayList<>();
    for (int i = 0; i < pipeline.steps().size(); i++) {
      PipelineStep step = pipeline.steps().get(i);
      stages.add(
          step.isParallel()
              ? new PipelineStage(i, step.parallel(), true)
              : new PipelineStage(i, List.of(step), false));
    }
    return List.copyOf(stages);
  }
}
