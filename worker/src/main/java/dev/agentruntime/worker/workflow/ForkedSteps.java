package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ApprovalCarry;
import dev.agentruntime.core.activity.CarriedApproval;
import dev.agentruntime.core.activity.ForkActivities;
import dev.agentruntime.core.activity.ForkPrefix;
import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.activity.ToolCallRef;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fork takes from its source run (docs/api.md, "Forking a run"): the steps before its first
 * live one, put in place by one activity before the loop begins, so the loop starts from them as if
 * it had taken them itself; and the approvals granted in those steps, each of which one call of the
 * fork with byte-identical arguments may run under. A run that is not a fork has none of either.
 * Workflow code: deterministic (the approvals left are workflow state, changed only by activity
 * results).
 */
final class ForkedSteps {

  private final RunBehaviour behaviour;
  private final RunPlan plan;
  private ForkPrefix prefix;
  private final List<CarriedApproval> approvals = new ArrayList<>();

  ForkedSteps(RunBehaviour behaviour, RunPlan plan) {
    this.behaviour = behaviour;
    this.plan = plan;
  }

  /**
   * Puts the reused steps in place, if the run is a fork that reuses any.
   *
   * @return why the run cannot begin, or {@code null} when it can
   */
  String begin(RunWorkflowInput input) {
    if (!behaviour.forks() || plan.forkStep() == null) {
      return null;
    }
    if (plan.pipeline() != null) {
      return "a pipeline version cannot continue a fork";
    }
    if (!plan.reusesSteps()) {
      return null; // a fork from step 1 reuses nothing: a new run with its source's lineage
    }
    ForkActivities forks =
        Workflow.newActivityStub(ForkActivities.class, RunActivityOptions.FORK_PREFIX);
    try {
      prefix = forks.reuseSteps(input);
    } catch (ActivityFailure e) {
      return "the steps of its source could not be reused: " + ActivityFailures.reason(e);
    }
    approvals.addAll(prefix.approvals());
    return null;
  }

  /** Where the loop goes on from; {@code null} when it starts at step 1. */
  ForkPrefix prefix() {
    return prefix;
  }

  /**
   * The approval of the source that {@code call} runs under, consumed; {@code null} when none fits
   * (then it is asked for as any other call).
   */
  CarriedApproval carry(RunWorkflowInput input, int step, ToolCallRef call, String transcriptKey) {
    List<CarriedApproval> candidates =
        approvals.stream().filter(a -> a.tool().equals(call.name())).toList();
    if (candidates.isEmpty()) {
      return null; // no activity when nothing could match
    }
    ForkActivities forks =
        Workflow.newLocalActivityStub(ForkActivities.class, RunActivityOptions.LOCAL_STORE);
    CarriedApproval carried =
        forks.carryApproval(
            new ApprovalCarry(
                input.tenantId(), input.runId(), step, call, transcriptKey, candidates));
    if (carried != null) {
      approvals.removeIf(a -> a.approvalId().equals(carried.approvalId()));
    }
    return carried;
  }
}
