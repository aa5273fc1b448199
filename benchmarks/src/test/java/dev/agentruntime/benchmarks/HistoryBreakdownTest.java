package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistoryBreakdownTest {

  @Test
  void splitsEachKindOfTaskIntoQueueAndWorkerTimeFromTheServerTimestamps() {
    HistoryBreakdown h = new HistoryBreakdown();
    // 2 activities: 3 workflow tasks (10 ms queue, 4 ms running) and 2 activity tasks (10 ms, 25
    // ms).
    h.add(ReportFixtures.history(2, "CallModel", 10, 4, 25));
    h.add(ReportFixtures.history(2, "CallModel", 10, 4, 25));

    HistoryBreakdown.Totals model = h.byType().get("CallModel");
    HistoryBreakdown.Totals workflow = h.byType().get(HistoryBreakdown.WORKFLOW_TASK);
    assertThat(h.runs()).isEqualTo(2);
    assertThat(model.perRun(2)).isEqualTo(2.0);
    assertThat(model.meanQueueMs()).isCloseTo(10, within(1e-9));
    assertThat(model.meanExecutionMs()).isCloseTo(25, within(1e-9));
    assertThat(model.perRunMs(2)).isCloseTo(70, within(1e-9));
    assertThat(workflow.perRun(2)).isEqualTo(3.0);
    assertThat(workflow.perRunMs(2)).isCloseTo(42, within(1e-9));
    // First to last event: 3 × 14 ms of workflow tasks and 2 × 35 ms of activities.
    assertThat(h.execution().meanMs()).isCloseTo(112, within(1e-9));
  }

  @Test
  void countsTheEventsAndTheLocalActivitiesByTheTypeTheirMarkersName() {
    HistoryBreakdown h = new HistoryBreakdown();
    h.add(
        ChildRunFixtures.withLocalActivities(
            ReportFixtures.history(1, "CallModel", 10, 4, 25), "StartRun", "FinishRun"));
    h.add(
        ChildRunFixtures.withLocalActivities(
            ReportFixtures.history(1, "CallModel", 10, 4, 25),
            "StartRun",
            "CallTool",
            "FinishRun"));

    // 2 workflow tasks and 1 activity of 3 events each, then the markers.
    assertThat(h.eventsPerRun()).isCloseTo(11.5, within(1e-9));
    assertThat(h.localActivities())
        .containsExactly(entry("StartRun", 2L), entry("FinishRun", 2L), entry("CallTool", 1L));
    // Markers are not tasks: only the workflow tasks and the activity are timed.
    assertThat(h.byType()).containsOnlyKeys(HistoryBreakdown.WORKFLOW_TASK, "CallModel");
  }

  @Test
  void aStepCycleRunsFromOneScheduledActivityToTheNextOfTheSameRun() {
    HistoryBreakdown h = new HistoryBreakdown();
    // 3 activities per run: 2 cycles each of activity (10 + 25 ms) and workflow task (10 + 4 ms).
    h.add(ReportFixtures.history(3, "CallModel", 10, 4, 25));
    h.add(ReportFixtures.history(3, "CallModel", 10, 4, 25));

    assertThat(h.stepCycles().p50Ms()).isCloseTo(49, within(1e-6));
    // No cycle spans two runs: 2 runs of 3 activities give 4 cycles, all alike.
    assertThat(h.stepCycles().maxMs()).isCloseTo(49, within(1e-6));
  }
}
