package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.ScheduleFireActivities;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.ScheduledFire;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.core.workflow.ScheduleActions;
import dev.agentruntime.core.workflow.ScheduleFireWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.OffsetDateTime;

/**
 * One fire of a schedule: admit its run, then run it as a child and end with it. Workflow code:
 * deterministic. The run's workflow is abandoned, not cancelled, should this one be terminated: a
 * run is ended through its own controls ({@code POST /v1/runs/{id}/cancel}), never by its schedule.
 */
public class ScheduleFireWorkflowImpl implements ScheduleFireWorkflow {

  static final SearchAttributeKey<OffsetDateTime> SCHEDULED_START =
      SearchAttributeKey.forOffsetDateTime(SCHEDULED_START_TIME);

  /** A fire that failed because its run did; pause-on-failure pauses the schedule on it. */
  static final String RUN_DID_NOT_SUCCEED = "ScheduledRunDidNotSucceed";

  private final ScheduleFireActivities activities =
      Workflow.newActivityStub(ScheduleFireActivities.class, RunActivityOptions.STORE);

  @Override
  public RunOutcome fire(Target target) {
    OffsetDateTime scheduledAt = Workflow.getTypedSearchAttributes().get(SCHEDULED_START);
    if (scheduledAt == null) {
      // Started by hand rather than by a schedule: there is no fire to name the run by.
      throw ApplicationFailure.newNonRetryableFailure(
          "no " + SCHEDULED_START_TIME + ": only a Temporal Schedule starts a fire",
          ActivityFailureTypes.CLIENT_ERROR);
    }
    QueuedRun run =
        activities.admitFire(
            target.tenantId(), new ScheduledFire(target.scheduleId(), scheduledAt.toInstant()));
    if (run == null) {
      return null;
    }
    ChildWorkflowOptions.Builder options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(run.workflowId())
            .setTaskQueue(RunWorkflows.TASK_QUEUE)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            // A run executes once: a second start of the same fire (a backfill over a time
            // that fired before) finds the run's workflow, running or closed, and stops here.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
    // The API marks the fires of a schedule it applied while the namespace lacked the attributes:
    // naming them in the start would fail this workflow's task on every attempt.
    if (!Boolean.FALSE.equals(
        Workflow.getMemo(ScheduleActions.RUN_SEARCH_ATTRIBUTES_MEMO, Boolean.class))) {
      options.setTypedSearchAttributes(RunWorkflows.searchAttributes(run));
    }
    AgentRunWorkflow workflow =
        Workflow.newChildWorkflowStub(AgentRunWorkflow.class, options.build());
    RunOutcome outcome;
    try {
      outcome = workflow.run(run.workflowInput());
    } catch (ChildWorkflowFailure failure) {
      if (failure.getCause() instanceof WorkflowExecutionAlreadyStarted) {
        return null;
      }
      throw failure;
    }
    if (outcome.status() == RunStatus.FAILED || outcome.status() == RunStatus.TIMED_OUT) {
      throw ApplicationFailure.newNonRetryableFailure(
          "run " + run.runId() + " ended " + outcome.status().wireName() + ": " + outcome.reason(),
          RUN_DID_NOT_SUCCEED);
    }
    return outcome;
  }
}
