package dev.agentruntime.core.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One agent run: the built-in tool-calling loop. Model call, then the tool calls the model asked
 * for, until a final answer, the step, token or time budget, or a failure. Each step is an activity
 * with the spec's timeout and retry policy, so a crashed worker resumes the run where it stopped.
 */
@WorkflowInterface
public interface AgentRunWorkflow {

  @WorkflowMethod
  RunOutcome run(RunWorkflowInput input);

  /** Model calls completed so far. */
  @QueryMethod
  int completedSteps();
}
