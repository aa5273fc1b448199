package dev.agentruntime.core.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Calls of tools of kind agent: a parent run's call becomes a child run (admitted through the one
 * admission path, with origin {@code parent}), and the child's end becomes the call's result. The
 * workflow starts and awaits the child's workflow in between.
 */
@ActivityInterface
public interface ChildRunActivities {

  /**
   * Admits the child run of one call, or refuses the call (its result then says why): the agent or
   * version is not the tenant's, the arguments are not an object, or the parent has not enough
   * budget, depth or children left for the child's limits. Idempotent: a retry answers the same
   * child.
   */
  @ActivityMethod
  ChildStart startChild(ChildRunRequest request);

  /**
   * Records how the child ended as the call's result: its answer when it succeeded, else an error
   * naming its status and reason (a child's failure is a tool error to its parent).
   */
  @ActivityMethod
  ToolStepResult finishChild(ChildRunAnswer answer);
}
