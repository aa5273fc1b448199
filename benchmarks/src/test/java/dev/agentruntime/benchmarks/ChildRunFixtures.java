package dev.agentruntime.benchmarks;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ChildWorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Fixed histories and results of the child-runs bench ({@link ChildRunBench}). */
final class ChildRunFixtures {

  private ChildRunFixtures() {}

  /**
   * {@code history} followed by one local activity marker per type, as the Java SDK records them
   * (marker {@code LocalActivity}, the type a JSON string under {@code type}).
   */
  static List<HistoryEvent> withLocalActivities(List<HistoryEvent> history, String... types) {
    List<HistoryEvent> out = new ArrayList<>(history);
    long at = lastNanos(history);
    for (String type : types) {
      out.add(
          ReportFixtures.event(out.size() + 1, at, EventType.EVENT_TYPE_MARKER_RECORDED)
              .setMarkerRecordedEventAttributes(
                  MarkerRecordedEventAttributes.newBuilder()
                      .setMarkerName("LocalActivity")
                      .putDetails(
                          "type", DefaultDataConverter.STANDARD_INSTANCE.toPayloads(type).get()))
              .build());
    }
    return out;
  }

  /**
   * {@code history} followed by a child workflow {@code childId}: its start command recorded, its
   * start {@code startMs} later, its completion {@code answerMs} after that.
   */
  static List<HistoryEvent> withChild(
      List<HistoryEvent> history, String childId, double startMs, double answerMs) {
    List<HistoryEvent> out = new ArrayList<>(history);
    long at = lastNanos(history);
    long initiated = out.size() + 1;
    out.add(
        ReportFixtures.event(
                initiated, at, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
            .build());
    at += Math.round(startMs * 1e6);
    out.add(
        ReportFixtures.event(
                out.size() + 1, at, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
            .setChildWorkflowExecutionStartedEventAttributes(
                ChildWorkflowExecutionStartedEventAttributes.newBuilder()
                    .setInitiatedEventId(initiated)
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(childId)))
            .build());
    at += Math.round(answerMs * 1e6);
    out.add(
        ReportFixtures.event(
                out.size() + 1, at, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED)
            .setChildWorkflowExecutionCompletedEventAttributes(
                ChildWorkflowExecutionCompletedEventAttributes.newBuilder()
                    .setInitiatedEventId(initiated))
            .build());
    return out;
  }

  /**
   * 10 pairs: tool runs of 200 + 10 i ms, child runs of 300 + 12 i ms; the child side's roots each
   * with one child (started after 5 ms, answering after 60 ms).
   */
  static ChildRunsOnly.Run run() {
    ChildRunBench.Variant tool =
        new ChildRunBench.Variant("tool call (write_artifact)", ChildRunBench.TOOL_ROOT, 2);
    ChildRunBench.Variant child =
        new ChildRunBench.Variant("child run (kind agent)", ChildRunBench.CHILD_ROOT, 3);
    for (int i = 0; i < 10; i++) {
      tool.wall.add(Math.round((200 + 10 * i) * 1e6));
      child.wall.add(Math.round((300 + 12 * i) * 1e6));
      tool.history.add(
          withLocalActivities(
              ReportFixtures.history(2, "CallModel", 10, 4, 25),
              "StartRun",
              "CallTool",
              "FinishRun"));
      List<HistoryEvent> root =
          withChild(
              withLocalActivities(
                  ReportFixtures.history(2, "CallModel", 10, 4, 25),
                  "StartRun",
                  "StartChild",
                  "FinishChild",
                  "FinishRun"),
              "root-" + i + "/child-writer:v1:" + i,
              5,
              60);
      child.history.add(root);
      child.children.add(root);
      child.childHistory.add(
          withLocalActivities(
              ReportFixtures.history(1, "CallModel", 10, 4, 25), "StartRun", "FinishRun"));
    }
    return new ChildRunsOnly.Run(
        new RunFacts(
            ReportFixtures.options("scripts/bench.sh --only child-runs"),
            ReportFixtures.STARTED,
            Duration.ofSeconds(61, 200_000_000),
            "fsync=on, synchronous_commit=on (SHOW on the stack's database)",
            "1.85 / 2.12 / 2.71",
            "4.57 / 2.52 / 2.64"),
        new ChildRunBench.Result(10, 5, tool, child));
  }

  private static long lastNanos(List<HistoryEvent> history) {
    var t = history.get(history.size() - 1).getEventTime();
    return t.getSeconds() * 1_000_000_000L + t.getNanos();
  }
}
