package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f1;
import static dev.agentruntime.benchmarks.Formats.f2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * docs/benchmarks-child-runs.md from one {@link ChildRunsOnly} run; the prose is in {@code
 * templates/benchmarks-child-runs.md}.
 */
record ChildRunReport(ChildRunsOnly.Run run, Machine machine) {

  String markdown() {
    ChildRunBench.Result r = run.result();
    Map<String, Object> v = run.facts().values(machine, r.warmup(), r.runs());
    figures(v);
    children(v);
    List<String> tasks = new ArrayList<>();
    tasks.addAll(Report.taskRows(r.tool().name + ": root", r.tool().history));
    tasks.addAll(Report.taskRows(r.child().name + ": root", r.child().history));
    tasks.addAll(Report.taskRows(r.child().name + ": child", r.child().childHistory));
    v.put("taskRows", Report.rows(tasks));
    v.put(
        "historyRows",
        Report.rows(
            List.of(
                historyRow(r.tool().name + ": root", r.tool().history),
                historyRow(r.child().name + ": root", r.child().history),
                historyRow(r.child().name + ": child", r.child().childHistory))));
    v.put("childRunRuns", run.facts().options().childRunRuns());
    v.put("childRunWarmup", run.facts().options().childRunWarmup());
    v.put("defaultOutput", ChildRunsOnly.DEFAULT_OUTPUT);
    return Template.load("benchmarks-child-runs.md").render(v);
  }

  private void figures(Map<String, Object> v) {
    ChildRunBench.Result r = run.result();
    Stats tw = r.tool().wallStats();
    Stats cw = r.child().wallStats();
    compare(v, "wallMean", tw.meanMs(), cw.meanMs());
    compare(v, "wallP50", tw.p50Ms(), cw.p50Ms());
    compare(v, "wallP95", tw.p95Ms(), cw.p95Ms());
    compare(v, "wallP99", tw.p99Ms(), cw.p99Ms());
    Stats tx = r.tool().history.execution();
    Stats cx = r.child().history.execution();
    compare(v, "executionMean", tx.meanMs(), cx.meanMs());
    compare(v, "executionP50", tx.p50Ms(), cx.p50Ms());
    compare(v, "executionP99", tx.p99Ms(), cx.p99Ms());
    Stats pairs = Stats.of(r.pairedDifferences());
    v.put("pairs", pairs.count());
    v.put("pairMean", f1(pairs.meanMs()));
    v.put("pairP50", f1(pairs.p50Ms()));
    v.put("pairP99", f1(pairs.p99Ms()));
    v.put("pairMin", f1(pairs.minMs()));
    v.put("pairMax", f1(pairs.maxMs()));
  }

  /** The children as their parents saw them, and their own executions. */
  private void children(Map<String, Object> v) {
    ChildRunBench.Result r = run.result();
    ChildWorkflowTimes times = r.child().children;
    v.put("children", times.children());
    stats(v, "childStart", times.start());
    stats(v, "childAnswer", times.answer());
    stats(v, "childExecution", r.child().childHistory.execution());
    double waited = times.start().meanMs() + times.answer().meanMs();
    v.put("childWaitMs", f1(waited));
    v.put("childWaitShare", f1(100 * waited / r.child().wallStats().meanMs()));
    HistoryBreakdown.Totals toolTasks = workflowTasks(r.tool().history);
    HistoryBreakdown.Totals rootTasks = workflowTasks(r.child().history);
    int toolRuns = r.tool().history.runs();
    int rootRuns = r.child().history.runs();
    v.put("toolWorkflowTasks", f1(toolTasks.perRun(toolRuns)));
    v.put("rootWorkflowTasks", f1(rootTasks.perRun(rootRuns)));
    v.put(
        "rootWorkflowTaskMsMore", f1(rootTasks.perRunMs(rootRuns) - toolTasks.perRunMs(toolRuns)));
    // The child's model step is the work a tool call does not do; the rest of the difference is
    // what running the call as a child run costs.
    HistoryBreakdown.Totals childModel =
        r.child().childHistory.byType().getOrDefault("CallModel", new HistoryBreakdown.Totals());
    double modelStep = childModel.perRunMs(Math.max(1, r.child().childHistory.runs()));
    double overhead = r.child().wallStats().meanMs() - r.tool().wallStats().meanMs();
    v.put("childModelStepMs", f1(modelStep));
    v.put("machineryMs", f1(overhead - modelStep));
    v.put(
        "machineryRatio",
        f2((r.child().wallStats().meanMs() - modelStep) / r.tool().wallStats().meanMs()));
  }

  private static HistoryBreakdown.Totals workflowTasks(HistoryBreakdown history) {
    return history
        .byType()
        .getOrDefault(HistoryBreakdown.WORKFLOW_TASK, new HistoryBreakdown.Totals());
  }

  private static String historyRow(String name, HistoryBreakdown history) {
    int runs = history.runs();
    String locals =
        history.localActivities().entrySet().stream()
            .map(e -> "`" + e.getKey() + "` " + f1(e.getValue() / (double) runs))
            .collect(Collectors.joining(", "));
    long total = history.localActivities().values().stream().mapToLong(Long::longValue).sum();
    return String.format(
        Locale.ROOT,
        "| %s | %d | %s | %s | %s |",
        name,
        runs,
        f1(history.eventsPerRun()),
        f1(runs == 0 ? 0 : total / (double) runs),
        locals.isEmpty() ? "none" : locals);
  }

  private static void compare(Map<String, Object> v, String key, double tool, double child) {
    v.put(key + ".tool", f1(tool));
    v.put(key + ".child", f1(child));
    v.put(key + ".more", f1(child - tool));
    v.put(key + ".ratio", f2(child / tool));
  }

  private static void stats(Map<String, Object> v, String key, Stats s) {
    v.put(key + ".mean", f1(s.meanMs()));
    v.put(key + ".p50", f1(s.p50Ms()));
    v.put(key + ".p99", f1(s.p99Ms()));
  }
}
