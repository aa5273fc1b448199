package dev.agentruntime.core.activity;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The steps a fork takes from its source run (docs/api.md, "Forking a run"). Idempotent: every
 * object and event is written under a key derived from the fork, the step and the call.
 */
@ActivityInterface
public interface ForkActivities {

  /**
   * Copies the source's recorded steps before the fork's first live step into the fork (each step's
   * transcript after its answer, its tool results, an HTTP agent's state), records one {@code
   * step.reused} per step, and answers where the fork goes on from. Nothing is decided or executed
   * again.
   */
  @ActivityMethod
  ForkPrefix reuseSteps(RunWorkflowInput input);

  /**
   * Whether a call that needs approval may run under one of {@code request}'s candidates: the first
   * approval of the same tool whose call's arguments are byte-identical to this call's. When one
   * is, records {@code approval.carried} and answers it; {@code null} when none is (the call is
   * then asked for as any other).
   */
  @ActivityMethod
  CarriedApproval carryApproval(ApprovalCarry request);
}
