package dev.agentruntime.core.activity;

import dev.agentruntime.core.approval.ApprovalRecord;
import dev.agentruntime.core.approval.ApprovalRequest;
import dev.agentruntime.core.approval.ApprovalTicket;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Projects a run's life to PostgreSQL and prepares its storage. Every method is idempotent: a
 * retried call changes nothing a completed call already did.
 */
@ActivityInterface
public interface RunStoreActivities {

  /** Marks the run running, records {@code run.started} and writes the opening transcript. */
  @ActivityMethod
  RunContext startRun(RunWorkflowInput input);

  /**
   * {@link #startRun} for workflow version 3 on: same effects, but answers the small plan the
   * workflow needs instead of the whole spec.
   */
  @ActivityMethod
  RunPlan beginRun(RunWorkflowInput input);

  /** Records that the run stopped at a step boundary, or went on again. */
  @ActivityMethod
  void recordPause(RunPause pause);

  /**
   * Records a pending approval for a tool call (idempotent by approval id): its arguments as
   * canonical JSON and their hash, status {@code waiting_for_approval}, an {@code
   * approval.requested} event.
   */
  @ActivityMethod
  ApprovalTicket requestApproval(ApprovalRequest request);

  /** Records what became of an approval; the run is {@code running} again when none is pending. */
  @ActivityMethod
  void recordApproval(ApprovalRecord record);

  /** Records the outcome; on success stores the final answer as the run's output artifact. */
  @ActivityMethod
  void finishRun(RunFinish finish);
}
