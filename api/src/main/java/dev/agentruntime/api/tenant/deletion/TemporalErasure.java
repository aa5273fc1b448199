package dev.agentruntime.api.tenant.deletion;

import dev.agentruntime.api.temporal.TemporalNotFound;
import dev.agentruntime.core.workflow.ScheduleActions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Removes a deleted tenant's workflows and schedules from Temporal. Deleting a workflow that still
 * runs terminates it first (Temporal's DeleteWorkflowExecution), so a run of the tenant never gets
 * to write again; each call is idempotent (what is gone already answers NOT_FOUND).
 */
@ApplicationScoped
class TemporalErasure {

  private final WorkflowClient workflows;
  private final ScheduleClient schedules;

  TemporalErasure(WorkflowClient workflows, ScheduleClient schedules) {
    this.workflows = workflows;
    this.schedules = schedules;
  }

  /**
   * @return how many of the workflows existed and were deleted
   */
  long deleteWorkflows(List<String> workflowIds) {
    long deleted = 0;
    for (String workflowId : workflowIds) {
      if (deleteWorkflow(workflowId)) {
        deleted++;
      }
    }
    return deleted;
  }

  /**
   * @return whether the schedule existed and was deleted
   */
  boolean deleteSchedule(String tenantId, UUID scheduleId) {
    try {
      schedules.getHandle(ScheduleActions.scheduleId(tenantId, scheduleId)).delete();
      return true;
    } catch (RuntimeException e) {
      if (TemporalNotFound.is(e)) {
        return false;
      }
      throw e;
    }
  }

  /** The ids of the workflows a schedule's fires started, by Temporal's TemporalScheduledById. */
  List<String> fireWorkflowIds(String tenantId, UUID scheduleId) {
    List<String> ids = new ArrayList<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse response =
          workflows
              .getWorkflowServiceStubs()
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(workflows.getOptions().getNamespace())
                      .setQuery(
                          "TemporalScheduledById = '"
                              + ScheduleActions.scheduleId(tenantId, scheduleId)
                              + "'")
                      .setNextPageToken(page)
                      .build());
      response.getExecutionsList().forEach(info -> ids.add(info.getExecution().getWorkflowId()));
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return ids;
  }

  private boolean deleteWorkflow(String workflowId) {
    try {
      workflows
          .getWorkflowServiceStubs()
          .blockingStub()
          .deleteWorkflowExecution(
              DeleteWorkflowExecutionRequest.newBuilder()
                  .setNamespace(workflows.getOptions().getNamespace())
                  .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                  .build());
      return true;
    } catch (RuntimeException e) {
      if (TemporalNotFound.is(e)) {
        return false;
      }
      throw e;
    }
  }
}
