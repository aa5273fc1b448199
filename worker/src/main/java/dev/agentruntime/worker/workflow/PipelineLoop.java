package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ChildStart;
import dev.agentruntime.core.activity.PipelineActivities;
import dev.agentruntime.core.activity.PipelineFinish;
import dev.agentruntime.core.activity.PipelineFinishRequest;
import dev.agentruntime.core.activity.PipelineOutputCheck;
import dev.agentruntime.core.activity.PipelinePlan;
import dev.agentruntime.core.activity.PipelineStepEnd;
import dev.agentruntime.core.activity.PipelineStepRecord;
import dev.agentruntime.core.activity.PipelineStepRequest;
import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A pipeline run: its stages one after the other, the steps of a stage (a parallel group's members)
 * as child runs at once, each retried as its policy says; then its output. A failed step fails the
 * pipeline once its stage has ended, unless its policy continues. Between stages it passes the
 * boundary where a paused run holds. Workflow code: deterministic, the templates and the children's
 * answers are read by the activities.
 */
final class PipelineLoop implements RunLoop {

  private final RunWorkflowInput input;
  private final PipelinePlan plan;
  private final StepLoop.Boundary boundary;
  private final ChildRuns children;
  private final PipelineActivities activities;
  private final RunBehaviour behaviour;
  private final TreeBudget budget;
  private String transcriptKey;
  private String transcriptSha256;

  PipelineLoop(
      RunWorkflowInput input,
      RunPlan plan,
      StepLoop.Boundary boundary,
      ChildRuns children,
      PipelineActivities activities,
      RunBehaviour behaviour,
      TreeBudget budget) {
    this.input = input;
    this.plan = plan.pipeline();
    this.transcriptKey = plan.transcriptKey();
    this.transcriptSha256 = plan.transcriptSha256();
    this.boundary = boundary;
    this.children = children;
    this.activities = activities;
    this.behaviour = behaviour;
    this.budget = budget;
  }

  @Override
  public RunOutcome run() {
    List<PipelineStepEnd> ended = new ArrayList<>();
    for (int s = 0; s < plan.stages().size(); s++) {
      boundary.pass();
      int stage = s;
      List<PipelinePlan.Member> members = plan.stages().get(s).members();
      List<PipelineStepEnd> before = List.copyOf(ended);
      List<Promise<PipelineStepEnd>> running = new ArrayList<>();
      for (int m = 0; m < members.size(); m++) {
        int member = m;
        running.add(Async.function(() -> step(stage, member, members.get(member), before)));
      }
      String failure = null;
      for (int m = 0; m < members.size(); m++) {
        PipelineStepEnd end = running.get(m).get();
        ended.add(end);
        if (!end.succeeded() && !members.get(m).continueOnFailure() && failure == null) {
          failure = "step " + end.name() + " failed: " + end.error();
        }
      }
      if (failure != null) {
        return outcome(RunStatus.FAILED, failure);
      }
    }
    PipelineFinish finish =
        behaviour.attempt(
            () ->
                activities.finishPipeline(
                    new PipelineFinishRequest(
                        input.tenantId(),
                        input.runId(),
                        input.agentVersionId(),
                        transcriptKey,
                        ended)));
    if (finish.error() != null) {
      return outcome(
          RunStatus.FAILED, "the pipeline's output could not be built: " + finish.error());
    }
    transcriptKey = finish.transcriptKey();
    transcriptSha256 = finish.transcriptSha256();
    return outcome(RunStatus.SUCCEEDED, null);
  }

  /** One step to its end: a child run per attempt until one succeeds or none are left. */
  private PipelineStepEnd step(
      int stage, int member, PipelinePlan.Member step, List<PipelineStepEnd> before) {
    PipelineStepEnd end = null;
    int attempt = 0;
    while (attempt < step.attempts()) {
      attempt++;
      int number = attempt;
      ChildStart start =
          children.admit(
              (steps, tokens, depth, childrenLeft) ->
                  activities.startStep(
                      new PipelineStepRequest(
                          input.tenantId(),
                          input.runId(),
                          input.agentVersionId(),
                          stage,
                          member,
                          number,
                          before,
                          steps,
                          tokens,
                          depth,
                          childrenLeft)));
      if (start.wasRefused()) {
        // Its input cannot be built, or it cannot start within the limits: trying again changes
        // nothing.
        end = new PipelineStepEnd(step.name(), null, false, start.refusedBecause());
        break;
      }
      UUID child = start.run().runId();
      RunOutcome outcome = children.await(start);
      String failure =
          outcome.status() == RunStatus.SUCCEEDED
              ? behaviour.attempt(
                  () ->
                      activities.checkOutput(
                          new PipelineOutputCheck(
                              input.tenantId(), step.name(), child, start.run().agentVersionId())))
              : "run "
                  + child
                  + " ended "
                  + outcome.status().wireName()
                  + (outcome.reason() == null ? "" : ": " + outcome.reason());
      end = new PipelineStepEnd(step.name(), child, failure == null, failure);
      if (failure == null) {
        break;
      }
    }
    PipelineStepEnd last = end;
    int attempts = attempt;
    behaviour.attempt(
        () -> {
          activities.recordStep(
              new PipelineStepRecord(
                  input.tenantId(), input.runId(), stage, member, attempts, last));
          return null;
        });
    return last;
  }

  @Override
  public RunOutcome outcome(RunStatus status, String reason) {
    return budget.outcome(new RunOutcome(status, reason, 0, 0));
  }

  @Override
  public int steps() {
    return 0;
  }

  @Override
  public String transcriptKey() {
    return transcriptKey;
  }

  @Override
  public String transcriptSha256() {
    return transcriptSha256;
  }
}
