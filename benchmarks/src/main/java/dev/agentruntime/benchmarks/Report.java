package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f1;
import static dev.agentruntime.benchmarks.Formats.f2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * docs/benchmarks.md from one run's results: the run's facts and the targets here, each section in
 * its own class, the prose in {@code templates/benchmarks*.md}.
 */
final class Report {

  static final double ADMISSION_TARGET = 0.8;
  static final double STEP_TARGET = 1.3;

  private final BenchMain.Results r;
  private final Machine machine;

  Report(BenchMain.Results results, Machine machine) {
    this.r = results;
    this.machine = machine;
  }

  String markdown() {
    BenchOptions o = r.options();
    Map<String, Object> v = new HashMap<>();
    v.put("date", Formats.utc(r.started()));
    machine(v, machine);
    v.put("serverVersion", r.serverVersion());
    v.put("postgresDurability", r.first().postgresDurability());
    v.put("peerRow", r.peer() == null ? "" : "| peer | " + r.peer() + " |");
    v.put("loadAtStart", r.loadAtStart());
    v.put("loadAtEnd", r.loadAtEnd());
    v.put("tookSeconds", r.took().toSeconds());
    v.put("command", o.command());

    v.put("targets", new TargetsSection(r.mainPasses()).markdown());
    Map<String, AdmissionBench.Result> admission = new LinkedHashMap<>();
    Map<String, List<StepBench.Result>> steps = new LinkedHashMap<>();
    for (ServerPass.Result pass : r.mainPasses()) {
      admission.put(TargetsSection.title(pass), pass.admission());
      steps.put(TargetsSection.title(pass), pass.steps());
    }
    v.put("admission", new AdmissionSection(admission).markdown());
    v.put("steps", new StepSection(steps, r.peer(), StepProfile.of(r.passes())).markdown());
    v.put("standalone", new StandaloneSection(r.standalone(), r.first().stackMemory()).markdown());
    // The section ends with its last line; a blank line separates it from the next heading.
    v.put(
        "sse",
        r.sse() == null
            ? ""
            : new SseReport(r.sse(), r.started(), r.loadAtStart(), r.loadAtEnd(), o.command())
                    .section(machine)
                + "\n");

    v.put("rerunSeconds", r.took().toSeconds() + 60);
    v.put("clients", o.clients());
    v.put("requests", o.requests());
    v.put("admissionWarmup", o.admissionWarmup());
    v.put("admissionRounds", o.admissionRounds());
    v.put("stepCounts", o.steps().stream().map(String::valueOf).collect(Collectors.joining(",")));
    v.put("sequentialRuns", o.sequentialRuns());
    v.put("concurrentRuns", o.concurrentRuns());
    v.put("stepWarmup", o.stepWarmup());
    v.put("concurrentWarmup", o.concurrentWarmup());
    v.put("rssRuns", o.rssRuns());
    v.put("sseStreams", o.sseStreams());
    v.put("sseRuns", o.sseRuns());
    v.put("sseRounds", o.sseRounds());
    v.put("servers", String.join(",", o.servers()));
    v.put("eagerExecution", String.join(",", o.eagerExecution()));
    return Template.load("benchmarks.md").render(v);
  }

  /** The machine's rows, as every report names them. */
  static void machine(Map<String, Object> v, Machine m) {
    v.put("cpu", m.cpu());
    v.put("cores", m.cores());
    v.put("memory", m.memory());
    v.put("os", m.os());
    v.put("kernel", m.kernel());
    v.put("jdkVendor", m.jdkVendor());
    v.put("jdkVersion", m.jdkVersion());
    v.put("temporalVersion", m.temporalVersion());
  }

  /**
   * One row per kind of task of {@code history} (tasks per run, mean queue and in-worker ms, the
   * in-worker p50 / p95, total ms per run), its first cell {@code variant}.
   */
  static List<String> taskRows(String variant, HistoryBreakdown history) {
    List<String> rows = new ArrayList<>();
    int runs = history.runs();
    for (Map.Entry<String, HistoryBreakdown.Totals> e : history.byType().entrySet()) {
      HistoryBreakdown.Totals t = e.getValue();
      rows.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s / %s | %s |",
              variant,
              e.getKey(),
              f1(t.perRun(runs)),
              f2(t.meanQueueMs()),
              f2(t.meanExecutionMs()),
              f1(t.executionStats().p50Ms()),
              f1(t.executionStats().p95Ms()),
              f1(t.perRunMs(runs))));
    }
    return rows;
  }

  /** Table rows, one per line. */
  static String rows(List<String> rows) {
    return String.join("\n", rows);
  }
}
