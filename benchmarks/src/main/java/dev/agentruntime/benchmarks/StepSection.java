package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f0;
import static dev.agentruntime.benchmarks.Formats.f1;
import static dev.agentruntime.benchmarks.Formats.f2;
import static dev.agentruntime.benchmarks.Formats.grouped;
import static dev.agentruntime.benchmarks.Formats.met;
import static dev.agentruntime.benchmarks.Formats.ratio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 2 of docs/benchmarks.md: N-step agent runs against bare workflows and, when measured, the
 * peer's DBOS workflows, per N, with where the time went from the workflow histories.
 */
final class StepSection {

  private final Map<String, List<StepBench.Result>> byServer;
  private final String peer;
  private final String extra;

  /**
   * @param byServer each server's title ({@link TargetsSection#title}) and its results, in order
   * @param peer what the peer was ({@link DbosPeer#description}), {@code null} if not measured
   * @param extra subsections after the servers' ({@link StepProfile}), or empty
   */
  StepSection(Map<String, List<StepBench.Result>> byServer, String peer, String extra) {
    this.byServer = byServer;
    this.peer = peer;
    this.extra = extra;
  }

  String markdown() {
    Template perCount = Template.load("benchmarks-step-count.md");
    List<String> counts = new ArrayList<>();
    byServer.forEach(
        (title, results) -> {
          counts.add("### " + title + "\n");
          for (StepBench.Result s : results) {
            counts.add(perCount.render(stepCount(s)));
          }
        });
    if (!extra.isEmpty()) {
      counts.add(extra);
    }
    return Template.load("benchmarks-steps.md")
        .render(
            Map.of(
                "bareTaskQueue",
                BareWorkflows.STEPS_TASK_QUEUE,
                "peerNote",
                peer == null
                    ? ""
                    : "\n" + Template.load("benchmarks-step-peer.md").render(Map.of("peer", peer)),
                "perStepCount",
                String.join("\n", counts)));
  }

  private static Map<String, Object> stepCount(StepBench.Result s) {
    StepBench.Variant agent = s.agent();
    StepBench.Variant bare = s.bare();
    StepBench.Variant same = s.bareSameCount();
    double sequential = ratio(agent.sequentialStats(), bare.sequentialStats());
    double concurrent = ratio(agent.concurrentStats(), bare.concurrentStats());
    Map<String, Object> v = new HashMap<>();
    v.put("steps", s.steps());
    v.put("warmup", s.warmup());
    v.put("concurrentWarmup", s.concurrentWarmup());
    v.put("sequentialRuns", s.sequentialRuns());
    v.put("concurrentRuns", s.concurrentRuns());
    v.put("variantRows", Report.rows(s.variants().stream().map(StepSection::variantRow).toList()));
    v.put("sequentialRatio", f2(sequential));
    v.put(
        "sequentialP50Ratio", f2(agent.sequentialStats().p50Ms() / bare.sequentialStats().p50Ms()));
    v.put(
        "sequentialP99Ratio", f2(agent.sequentialStats().p99Ms() / bare.sequentialStats().p99Ms()));
    v.put("concurrentRatio", f2(concurrent));
    v.put(
        "concurrentP99Ratio", f2(agent.concurrentStats().p99Ms() / bare.concurrentStats().p99Ms()));
    v.put("target", f1(Report.STEP_TARGET));
    v.put("sequentialMet", met(sequential <= Report.STEP_TARGET));
    v.put("concurrentMet", met(concurrent <= Report.STEP_TARGET));
    v.put("sameActivities", same.activitiesPerRun);
    v.put("sameSequentialRatio", f2(ratio(agent.sequentialStats(), same.sequentialStats())));
    v.put("sameConcurrentRatio", f2(ratio(agent.concurrentStats(), same.concurrentStats())));
    v.put(
        "extraPerStepMs",
        f1((agent.sequentialStats().meanMs() - bare.sequentialStats().meanMs()) / s.steps()));
    v.put("peerComparison", s.peer().map(p -> "\n" + peerComparison(s, p)).orElse(""));
    v.put("sequentialBreakdown", breakdown(s, false));
    v.put("concurrentBreakdown", breakdown(s, true));
    v.put("cpu", cpu(s));
    v.put("agentCycleMs", f1(agent.history.stepCycles().p50Ms()));
    v.put("bareCycleMs", f1(bare.history.stepCycles().p50Ms()));
    v.put("kernelStepMs", f1(TargetsSection.kernelPerStepMs(s)));
    return v;
  }

  /** Where the CPU of the concurrent batches went, per run, when it was accounted. */
  private static String cpu(StepBench.Result s) {
    StepBench.Variant agent = s.agent();
    StepBench.Variant bare = s.bare();
    int n = s.concurrentRuns();
    CpuTable table = new CpuTable("per run");
    for (StepBench.Variant v : s.variants()) {
      table.column(v.name, v.concurrentCpuMs, n);
    }
    if (table.isEmpty() || !agent.concurrentCpuMs.containsKey("worker")) {
      return "";
    }
    double agentTemporal = CpuAccount.sum(agent.concurrentCpuMs, CpuAccount.SERVER) / n;
    double bareTemporal = CpuAccount.sum(bare.concurrentCpuMs, CpuAccount.SERVER) / n;
    Map<String, Object> v = new HashMap<>();
    v.put("concurrentRuns", n);
    v.put("bareSteps", s.steps());
    v.put("table", table.markdown());
    v.put("agentTotal", f1(table.total(agent.name)));
    v.put("agentCores", f1(cores(table.total(agent.name), n, agent)));
    v.put("bareCores", f1(cores(table.total(bare.name), n, bare)));
    v.put("workerMs", f1(agent.concurrentCpuMs.get("worker") / n));
    v.put(
        "jitMs",
        f1(
            agent.concurrentWorkerThreadMs.entrySet().stream()
                    .filter(e -> e.getKey().contains("CompilerThre"))
                    .mapToDouble(Map.Entry::getValue)
                    .sum()
                / n));
    v.put("workerThreads", CpuTable.threads(agent.concurrentWorkerThreadMs, n, 8));
    v.put(
        "apiPgMs",
        f1(
            (agent.concurrentCpuMs.get("API") + agent.concurrentCpuMs.get(CpuAccount.POSTGRES))
                / n));
    v.put("kernelStepMs", f1(TargetsSection.cpuPerStep(s, agent, CpuAccount.KERNEL)));
    v.put("serverStepMs", f1(TargetsSection.cpuPerStep(s, agent, CpuAccount.SERVER)));
    v.put("bareServerStepMs", f1(TargetsSection.cpuPerStep(s, bare, CpuAccount.SERVER)));
    v.put("agentTemporal", f1(agentTemporal));
    v.put("bareTemporal", f1(bareTemporal));
    v.put("temporalRatio", f2(agentTemporal / bareTemporal));
    // After the breakdown's closing newline.
    return "\n" + Template.load("benchmarks-step-cpu.md").render(v).strip();
  }

  /** Cores kept busy by a batch: its CPU ms over its wall time. */
  private static double cores(double msPerRun, int runs, StepBench.Variant variant) {
    return variant.concurrentMakespanNanos == 0
        ? 0
        : msPerRun * runs / (variant.concurrentMakespanNanos / 1e6);
  }

  /** The agent run and bare Temporal against the peer's workflow of as many steps. */
  private static String peerComparison(StepBench.Result s, StepBench.Variant peer) {
    StepBench.Variant agent = s.agent();
    StepBench.Variant bare = s.bare();
    Map<String, Object> v = new HashMap<>();
    v.put("steps", s.steps());
    v.put("peerName", peer.name);
    v.put("agentSequential", f2(ratio(agent.sequentialStats(), peer.sequentialStats())));
    v.put("agentConcurrent", f2(ratio(agent.concurrentStats(), peer.concurrentStats())));
    v.put("bareSequential", f2(ratio(bare.sequentialStats(), peer.sequentialStats())));
    v.put("bareConcurrent", f2(ratio(bare.concurrentStats(), peer.concurrentStats())));
    v.put("concurrentRuns", s.concurrentRuns());
    v.put("agentPerStepMs", f1(agent.sequentialStats().meanMs() / s.steps()));
    v.put("barePerStepMs", f1(bare.sequentialStats().meanMs() / s.steps()));
    v.put("peerPerStepMs", f1(peer.sequentialStats().meanMs() / s.steps()));
    return Template.load("benchmarks-step-peer-ratio.md").render(v);
  }

  private static String variantRow(StepBench.Variant v) {
    Stats seq = v.sequentialStats();
    Stats con = v.concurrentStats();
    return String.format(
        Locale.ROOT,
        "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |",
        v.name,
        v.activitiesPerRun,
        f1(seq.meanMs()),
        f1(seq.p50Ms()),
        f1(seq.p99Ms()),
        f1(con.meanMs()),
        f1(con.p50Ms()),
        f1(con.p99Ms()),
        grouped(v.concurrentMakespanNanos / 1e6),
        // The peer's runs have no Temporal history.
        v.temporal ? f1(v.history.execution().meanMs()) : "–");
  }

  /** The tasks of every variant, then what an agent run's time was made of. */
  private static String breakdown(StepBench.Result s, boolean concurrent) {
    List<String> rows = new ArrayList<>();
    for (StepBench.Variant variant : s.variants()) {
      if (!variant.temporal) {
        continue;
      }
      HistoryBreakdown h = concurrent ? variant.concurrentHistory : variant.history;
      int runs = h.runs();
      h.byType().entrySet().stream()
          .sorted(
              Comparator.comparingDouble(
                  (Map.Entry<String, HistoryBreakdown.Totals> e) -> -e.getValue().perRunMs(runs)))
          .forEach(
              e ->
                  rows.add(
                      String.format(
                          Locale.ROOT,
                          "| %s | %s | %s | %s | %s | %s |",
                          variant.name,
                          e.getKey(),
                          f1(e.getValue().perRun(runs)),
                          f2(e.getValue().meanQueueMs()),
                          f2(e.getValue().meanExecutionMs()),
                          f1(e.getValue().perRunMs(runs)))));
    }
    StepBench.Variant agent = s.agent();
    HistoryBreakdown h = concurrent ? agent.concurrentHistory : agent.history;
    int runs = h.runs();
    double inWorker = 0;
    double queue = 0;
    double workflowTasks = 0;
    for (Map.Entry<String, HistoryBreakdown.Totals> e : h.byType().entrySet()) {
      if (e.getKey().equals(HistoryBreakdown.WORKFLOW_TASK)) {
        workflowTasks += e.getValue().perRunMs(runs);
      } else {
        inWorker += e.getValue().executionNanos / 1e6 / runs;
        queue += e.getValue().queueNanos / 1e6 / runs;
      }
    }
    double server = h.execution().meanMs();
    double wall = (concurrent ? agent.concurrentStats() : agent.sequentialStats()).meanMs();
    Map<String, Object> v = new HashMap<>();
    v.put("which", concurrent ? s.concurrentRuns() + " concurrent" : "sequential");
    v.put("taskRows", Report.rows(rows));
    v.put("steps", s.steps());
    v.put("wallMs", f1(wall));
    v.put("serverMs", f1(server));
    v.put("inWorkerMs", f1(inWorker));
    v.put("inWorkerPercent", f0(100 * inWorker / server));
    v.put("queueMs", f1(queue));
    v.put("queuePercent", f0(100 * queue / server));
    v.put("workflowTasksMs", f1(workflowTasks));
    v.put("workflowTasksPercent", f0(100 * workflowTasks / server));
    v.put("outsideMs", f1(wall - server));
    return Template.load("benchmarks-step-breakdown.md").render(v);
  }
}
