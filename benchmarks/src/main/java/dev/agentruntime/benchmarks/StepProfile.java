package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f1;
import static dev.agentruntime.benchmarks.Formats.f2;
import static dev.agentruntime.benchmarks.Formats.met;
import static dev.agentruntime.benchmarks.Formats.ratio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The end of section 2: on the production server, the step phase with activity eager execution off
 * (the main pass) and on (a pass of its own), and where the kernel's own time per step goes, from
 * the histories of the main pass, priced with the DBOS floor (one durable commit per step).
 */
final class StepProfile {

  private final StepBench.Result off;
  private final StepBench.Result on;

  /**
   * @param off the production server's main pass at the smallest step count
   * @param on the same step count with eager execution on; null when not measured
   */
  StepProfile(StepBench.Result off, StepBench.Result on) {
    this.off = off;
    this.on = on;
  }

  /** From the passes of a run: empty unless the production server was measured. */
  static String of(List<ServerPass.Result> passes) {
    Optional<ServerPass.Result> main =
        passes.stream()
            .filter(p -> p.server() == BenchServer.Kind.POSTGRES && p.admission() != null)
            .findFirst();
    if (main.isEmpty() || main.get().steps().isEmpty()) {
      return "";
    }
    StepBench.Result off = main.get().steps().get(0);
    StepBench.Result on =
        passes.stream()
            .filter(p -> p.server() == BenchServer.Kind.POSTGRES && p.admission() == null)
            .flatMap(p -> p.steps().stream())
            .filter(s -> s.steps() == off.steps())
            .findFirst()
            .orElse(null);
    return new StepProfile(off, on).markdown();
  }

  String markdown() {
    Map<String, Object> v = new HashMap<>();
    v.put("steps", off.steps());
    v.put("concurrentRuns", off.concurrentRuns());
    v.put("eagerKey", BenchMain.EAGER_EXECUTION);
    List<String> rows = new ArrayList<>(rows("off", off));
    if (on != null) {
      rows.addAll(rows("on", on));
    }
    v.put("eagerRows", Report.rows(rows));
    v.put("eagerReading", on == null ? "Eager execution on was not measured in this run." : "");
    profile(v);
    return Template.load("benchmarks-step-profile.md").render(v);
  }

  private static List<String> rows(String setting, StepBench.Result s) {
    List<String> rows = new ArrayList<>();
    for (StepBench.Variant variant : List.of(s.agent(), s.bare())) {
      rows.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s |",
              setting,
              variant.name,
              f1(variant.sequentialStats().meanMs()),
              f1(variant.sequentialStats().p50Ms()),
              f1(variant.concurrentStats().meanMs()),
              f2(activityQueueMs(variant)),
              f1(variant.history.stepCycles().p50Ms())));
    }
    rows.add(
        String.format(
            Locale.ROOT,
            "| %s | ratio agent / bare; kernel's own per step | %s × | | %s × | | %s ms (%s) |",
            setting,
            f2(ratio(s.agent().sequentialStats(), s.bare().sequentialStats())),
            f2(ratio(s.agent().concurrentStats(), s.bare().concurrentStats())),
            f1(TargetsSection.kernelPerStepMs(s)),
            met(TargetsSection.kernelPerStepMs(s) <= TargetsSection.KERNEL_STEP_TARGET_MS)));
    return rows;
  }

  /** Mean scheduled → started of the scheduled activities: the dispatch eager execution skips. */
  private static double activityQueueMs(StepBench.Variant v) {
    return activity(v).meanQueueMs();
  }

  private static HistoryBreakdown.Totals activity(StepBench.Variant v) {
    return v.history.byType().entrySet().stream()
        .filter(e -> !e.getKey().equals(HistoryBreakdown.WORKFLOW_TASK))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(new HistoryBreakdown.Totals());
  }

  /** Per step, agent against bare: the activity's dispatch and execution, the workflow task. */
  private void profile(Map<String, Object> v) {
    StepBench.Variant agent = off.agent();
    StepBench.Variant bare = off.bare();
    HistoryBreakdown.Totals model = activity(agent);
    HistoryBreakdown.Totals noop = activity(bare);
    HistoryBreakdown.Totals agentTask = agent.history.byType().get(HistoryBreakdown.WORKFLOW_TASK);
    HistoryBreakdown.Totals bareTask = bare.history.byType().get(HistoryBreakdown.WORKFLOW_TASK);
    double kernel = TargetsSection.kernelPerStepMs(off);
    v.put("kernelMs", f1(kernel));
    v.put("kernelTarget", f1(TargetsSection.KERNEL_STEP_TARGET_MS));
    v.put("modelExecMs", f1(model.executionStats().p50Ms()));
    v.put("noopExecMs", f1(noop.executionStats().p50Ms()));
    v.put("modelQueueMs", f1(model.meanQueueMs()));
    v.put("noopQueueMs", f1(noop.meanQueueMs()));
    v.put("agentTaskMs", f1(agentTask == null ? 0 : agentTask.scheduledToCompletedStats().p50Ms()));
    v.put("bareTaskMs", f1(bareTask == null ? 0 : bareTask.scheduledToCompletedStats().p50Ms()));
    v.put("agentEvents", f1(agent.history.eventsPerRun()));
    v.put("bareEvents", f1(bare.history.eventsPerRun()));
    double commit = off.peer().map(p -> p.sequentialStats().meanMs() / off.steps()).orElse(0.0);
    v.put(
        "commitPrice",
        off.peer().isPresent()
            ? "about "
                + f1(commit)
                + " ms (the DBOS floor: a DBOS step is one checkpoint commit; its sequential mean"
                + " per step)"
            : "what the peer would have measured (not run: `--peer false`)");
    v.put("toCutMs", f1(Math.max(0, kernel - TargetsSection.KERNEL_STEP_TARGET_MS)));
    v.put("twoCommits", off.peer().isPresent() ? "about " + f1(2 * commit) + " ms" : "(unpriced)");
  }
}
