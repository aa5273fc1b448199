package dev.agentruntime.core.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Tool calls of the built-in loop. */
@ActivityInterface
public interface ToolActivities {

  /**
   * Executes one tool call under the tool's policy. Effects are keyed by run, step and call, so a
   * retried call overwrites rather than doubles them.
   */
  @ActivityMethod
  ToolStepResult callTool(ToolStepRequest request);

  /**
   * Answers a tool call without executing it (denied, or its approval expired): the model gets
   * {@code reason} as the call's result, and the run goes on.
   */
  @ActivityMethod
  ToolStepResult refuseTool(ToolStepRequest request, String reason);
}
