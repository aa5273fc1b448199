package dev.agentruntime.systemtests;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;

/** What a workflow's Temporal history says about one of its activities. */
record ActivityHistory(int attempt, boolean completed) {

  /**
   * The attempt that closed activity {@code activityId} of {@code workflowId} (Temporal records
   * only the last attempt's start, numbered) and whether that attempt completed.
   */
  static ActivityHistory of(String target, String workflowId, String activityId) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      return of(client.fetchHistory(workflowId).getEvents(), activityId);
    } finally {
      stubs.shutdownNow();
    }
  }

  private static ActivityHistory of(List<HistoryEvent> events, String activityId) {
    long scheduled =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e -> e.getActivityTaskScheduledEventAttributes().getActivityId().equals(activityId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("activity " + activityId + " not in history"))
            .getEventId();
    int attempt =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
            .filter(
                e -> e.getActivityTaskStartedEventAttributes().getScheduledEventId() == scheduled)
            .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
            .findFirst()
            .orElse(0);
    boolean completed =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
            .anyMatch(
                e ->
                    e.getActivityTaskCompletedEventAttributes().getScheduledEventId() == scheduled);
    return new ActivityHistory(attempt, completed);
  }
}
