package dev.agentruntime.core.workflow;

import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.approval.ApprovalOutcome;
import dev.agentruntime.core.approval.ApprovalRejections;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
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

  /**
   * Stops the run: the step in flight is cancelled (its activity learns it at its next heartbeat
   * and aborts its call), no later step starts, and the run ends as {@code cancelled}.
   */
  @SignalMethod
  void cancel(RunControl control);

  /** Holds the run at the next step boundary; the step in flight finishes first. */
  @SignalMethod
  void pause(RunControl control);

  /** Continues a paused run where it stopped, or withdraws a pause not reached yet. */
  @SignalMethod
  void resume(RunControl control);

  /**
   * A slot of the tenant's concurrency may be free: a run waiting for one claims again now. Only a
   * hint; the database decides who gets the slot.
   */
  @SignalMethod
  void slotFreed();

  /**
   * Decides a pending approval. Refused (nothing changes) when the arguments' hash is not the
   * pending one, the approval expired, or another decision was made; repeating the same decision
   * answers the same outcome. See {@link ApprovalRejections}.
   */
  @UpdateMethod
  ApprovalOutcome decide(ApprovalDecision decision);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecision(ApprovalDecision decision);

  /** Model calls completed so far. */
  @QueryMethod
  int completedSteps();
}
