package dev.agentruntime.benchmarks;

import com.google.protobuf.Timestamp;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The child workflows of finished parents, as the parents' histories record them (server
 * timestamps): how long each took to start (the parent's {@code StartChildWorkflowExecution}
 * command recorded → the child's first event) and to answer (started → its completion recorded in
 * the parent), and their workflow ids, to fetch the children's own histories.
 */
final class ChildWorkflowTimes {

  private final List<Long> start = new ArrayList<>();
  private final List<Long> answer = new ArrayList<>();
  private final List<String> workflowIds = new ArrayList<>();

  void add(List<HistoryEvent> events) {
    Map<Long, Long> initiatedAt = new HashMap<>();
    Map<Long, Long> startedAt = new HashMap<>();
    for (HistoryEvent event : events) {
      long at = nanos(event.getEventTime());
      switch (event.getEventType()) {
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
            initiatedAt.put(event.getEventId(), at);
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
          var started = event.getChildWorkflowExecutionStartedEventAttributes();
          Long initiated = initiatedAt.get(started.getInitiatedEventId());
          if (initiated != null) {
            start.add(at - initiated);
            startedAt.put(started.getInitiatedEventId(), at);
            workflowIds.add(started.getWorkflowExecution().getWorkflowId());
          }
        }
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
          Long started =
              startedAt.get(
                  event.getChildWorkflowExecutionCompletedEventAttributes().getInitiatedEventId());
          if (started != null) {
            answer.add(at - started);
          }
        }
        default -> {}
      }
    }
  }

  /** Command recorded in the parent → the child started. */
  Stats start() {
    return Stats.of(start);
  }

  /** Child started → its completion recorded in the parent. */
  Stats answer() {
    return Stats.of(answer);
  }

  int children() {
    return workflowIds.size();
  }

  List<String> workflowIds() {
    return workflowIds;
  }

  private static long nanos(Timestamp t) {
    return t.getSeconds() * 1_000_000_000L + t.getNanos();
  }
}
