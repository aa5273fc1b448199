package dev.agentruntime.core.activity;

import dev.agentruntime.core.spec.PipelineSpec;
import dev.agentruntime.core.spec.PipelineStage;
import dev.agentruntime.core.spec.PipelineStep;
import dev.agentruntime.core.spec.StepFailurePolicy;
import java.util.List;

/**
 * What the workflow must know of a pipeline to run it: its stages and, per step, its name and what
 * a failure does. The templates and agents stay in the spec, which the activities read.
 *
 * @param stages the stages in the order they run; a parallel group's members start together
 */
public record PipelinePlan(List<Stage> stages) {

  public PipelinePlan {
    stages = List.copyOf(stages);
  }

  /** One stage: a single step, or a parallel group's members. */
  public record Stage(List<Member> members) {
    public Stage {
      members = List.copyOf(members);
    }
  }

  /**
   * One step of a stage.
   *
   * @param attempts child runs it may start (1 unless it retries)
   * @param continueOnFailure a failure is recorded and the next stages run
   */
  public record Member(String name, int attempts, boolean continueOnFailure) {}

  /** The plan of an accepted pipeline spec. */
  public static PipelinePlan of(PipelineSpec pipeline) {
    return new PipelinePlan(
        PipelineStage.plan(pipeline).stream()
            .map(stage -> new Stage(stage.steps().stream().map(PipelinePlan::member).toList()))
            .toList());
  }

  private static Member member(PipelineStep step) {
    StepFailurePolicy policy = step.onFailureOrDefault();
    return new Member(
        step.name(), policy.attempts(), policy.action() == StepFailurePolicy.Action.CONTINUE);
  }
}
