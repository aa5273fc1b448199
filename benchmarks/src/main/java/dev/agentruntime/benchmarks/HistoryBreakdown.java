package dev.agentruntime.benchmarks;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the time of finished workflows went, from their Temporal histories (server timestamps): per
 * activity type, the time in the task queue (scheduled → started) and in the worker (started →
 * completed); the same for workflow tasks; the whole execution (first → last event); and how many
 * events and local activities (by type) the histories hold, which have no server-side duration of
 * their own: a local activity runs inside a workflow task and leaves one marker event.
 */
final class HistoryBreakdown {

  /** Totals of one kind of task over all runs added. */
  static final class Totals {
    long tasks;
    long queueNanos;
    long executionNanos;
    // Per task, for percentiles: a mean hides the slow turns a ratio of medians should not.
    final List<Long> executions = new ArrayList<>();
    final List<Long> scheduledToCompleted = new ArrayList<>();

    double perRun(int runs) {
      return tasks / (double) runs;
    }

    double meanQueueMs() {
      return tasks == 0 ? 0 : queueNanos / 1e6 / tasks;
    }

    double meanExecutionMs() {
      return tasks == 0 ? 0 : executionNanos / 1e6 / tasks;
    }

    /** Mean time per run spent in this kind of task, queue plus execution. */
    double perRunMs(int runs) {
      return (queueNanos + executionNanos) / 1e6 / runs;
    }

    /** Started → completed of each task: the worker's own time. */
    Stats executionStats() {
      return Stats.of(executions);
    }

    /** Scheduled → completed of each task: the worker's time plus the task queue's. */
    Stats scheduledToCompletedStats() {
      return Stats.of(scheduledToCompleted);
    }
  }

  static final String WORKFLOW_TASK = "(workflow task)";
  static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

  private final Map<String, Totals> byType = new LinkedHashMap<>();
  private final List<Long> executionNanos = new ArrayList<>();
  private final Map<String, Long> localActivities = new LinkedHashMap<>();
  private final List<Long> stepCycles = new ArrayList<>();
  private long events;
  private int runs;

  void add(List<HistoryEvent> events) {
    runs++;
    this.events += events.size();
    Map<Long, String> scheduledType = new HashMap<>();
    Map<Long, Long> scheduledAt = new HashMap<>();
    Map<Long, Long> startedAt = new HashMap<>();
    long previousActivityScheduled = -1;
    for (HistoryEvent event : events) {
      long id = event.getEventId();
      long at = nanos(event.getEventTime());
      switch (event.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          scheduledType.put(
              id, event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
          scheduledAt.put(id, at);
          if (previousActivityScheduled >= 0) {
            stepCycles.add(at - previousActivityScheduled);
          }
          previousActivityScheduled = at;
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
            startedAt.put(event.getActivityTaskStartedEventAttributes().getScheduledEventId(), at);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            record(
                event.getActivityTaskCompletedEventAttributes().getScheduledEventId(),
                at,
                scheduledType,
                scheduledAt,
                startedAt);
        case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> {
          scheduledType.put(id, WORKFLOW_TASK);
          scheduledAt.put(id, at);
        }
        case EVENT_TYPE_WORKFLOW_TASK_STARTED ->
            startedAt.put(event.getWorkflowTaskStartedEventAttributes().getScheduledEventId(), at);
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED ->
            record(
                event.getWorkflowTaskCompletedEventAttributes().getScheduledEventId(),
                at,
                scheduledType,
                scheduledAt,
                startedAt);
        case EVENT_TYPE_MARKER_RECORDED -> {
          if (LOCAL_ACTIVITY_MARKER.equals(
              event.getMarkerRecordedEventAttributes().getMarkerName())) {
            localActivities.merge(localActivityType(event), 1L, Long::sum);
          }
        }
        default -> {}
      }
    }
    if (!events.isEmpty()) {
      executionNanos.add(
          nanos(events.get(events.size() - 1).getEventTime())
              - nanos(events.get(0).getEventTime()));
    }
  }

  private void record(
      long scheduledId,
      long completedAt,
      Map<Long, String> types,
      Map<Long, Long> scheduledAt,
      Map<Long, Long> startedAt) {
    String type = types.get(scheduledId);
    Long scheduled = scheduledAt.get(scheduledId);
    Long started = startedAt.get(scheduledId);
    if (type == null || scheduled == null || started == null) {
      return;
    }
    Totals totals = byType.computeIfAbsent(type, t -> new Totals());
    totals.tasks++;
    totals.queueNanos += started - scheduled;
    totals.executionNanos += completedAt - started;
    totals.executions.add(completedAt - started);
    totals.scheduledToCompleted.add(completedAt - scheduled);
  }

  /**
   * The activity type a local activity's marker names (the Java SDK's {@code LocalActivity} marker
   * keeps it under {@code type}, a JSON string payload).
   */
  private static String localActivityType(HistoryEvent marker) {
    Payloads type = marker.getMarkerRecordedEventAttributes().getDetailsMap().get("type");
    if (type == null) {
      return LOCAL_ACTIVITY_MARKER;
    }
    try {
      return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
          0, Optional.of(type), String.class, String.class);
    } catch (DataConverterException e) {
      return LOCAL_ACTIVITY_MARKER;
    }
  }

  private static long nanos(Timestamp t) {
    return t.getSeconds() * 1_000_000_000L + t.getNanos();
  }

  Map<String, Totals> byType() {
    return byType;
  }

  int runs() {
    return runs;
  }

  /** Events per history added, on average. */
  double eventsPerRun() {
    return runs == 0 ? 0 : events / (double) runs;
  }

  /** Local activities recorded (markers) by activity type, over all runs added. */
  Map<String, Long> localActivities() {
    return localActivities;
  }

  /**
   * One step's cycle, from each scheduled activity to the next one of the same run (server
   * timestamps): the activity's dispatch, its execution and completion, and the workflow task that
   * decides the next step, with any local activities it runs (an agent run's tool call). The first
   * activity's wait (admission, start) and the last one's end (finish) are outside every cycle, so
   * a run of N steps gives N-1 cycles, comparable between an agent run and a bare workflow.
   */
  Stats stepCycles() {
    return Stats.of(stepCycles);
  }

  /** Server-side execution time: first history event to the closing one. */
  Stats execution() {
    return Stats.of(executionNanos);
  }
}
