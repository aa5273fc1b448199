package dev.agentruntime.core.workflow;

import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import java.util.Map;
import java.util.UUID;

/**
 * How a tenant's schedule is named in Temporal and what it does at each fire, for whoever creates
 * or repairs it (the API, its reconciler). Both ids carry the tenant, so an operator reads them in
 * Temporal's UI and no two tenants' schedules can collide.
 */
public final class ScheduleActions {

  /**
   * The memo of a fire whose schedule was applied while the namespace lacked the run search
   * attributes, with the value {@code false}: its runs start without them. A fire without it (every
   * schedule applied before the memo existed) starts its run with them, as it always did.
   */
  public static final String RUN_SEARCH_ATTRIBUTES_MEMO = "agentRuntimeRunSearchAttributes";

  private ScheduleActions() {}

  /** The Temporal Schedule's id: {@code schedule:<tenant>:<schedule id>}. */
  public static String scheduleId(String tenantId, UUID scheduleId) {
    return "schedule:" + tenantId + ":" + scheduleId;
  }

  /**
   * The action: start a {@link ScheduleFireWorkflow} for the schedule on the runs' task queue, with
   * the tenant's {@link RunWorkflows#priority}. Temporal appends each fire's nominal time to the
   * workflow id ({@code schedule:<tenant>:<id>-<time>}), so two fires never share one; the time
   * itself reaches the workflow as {@link ScheduleFireWorkflow#SCHEDULED_START_TIME}.
   *
   * @param runSearchAttributes whether the namespace has the run search attributes, so the fires'
   *     runs may carry them; when not, the fires carry {@link #RUN_SEARCH_ATTRIBUTES_MEMO}
   */
  public static ScheduleActionStartWorkflow action(
      String tenantId, UUID scheduleId, boolean runSearchAttributes) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(scheduleId(tenantId, scheduleId))
            .setTaskQueue(RunWorkflows.TASK_QUEUE)
            // The fire and the run it starts as a child (which inherits it) share the queue
            // fairly with other tenants' runs.
            .setPriority(RunWorkflows.priority(tenantId));
    if (!runSearchAttributes) {
      options.setMemo(Map.of(RUN_SEARCH_ATTRIBUTES_MEMO, false));
    }
    return ScheduleActionStartWorkflow.newBuilder()
        .setWorkflowType(ScheduleFireWorkflow.class)
        .setArguments(new ScheduleFireWorkflow.Target(tenantId, scheduleId))
        .setOptions(options.build())
        .build();
  }
}
