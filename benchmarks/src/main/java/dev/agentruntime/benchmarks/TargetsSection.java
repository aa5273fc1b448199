package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f1;
import static dev.agentruntime.benchmarks.Formats.f2;
import static dev.agentruntime.benchmarks.Formats.grouped;
import static dev.agentruntime.benchmarks.Formats.met;
import static dev.agentruntime.benchmarks.Formats.ratio;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "Against the targets" of docs/benchmarks.md: one table per server, each ratio against the bare
 * baseline measured on the same server; the kernel's own latency and CPU per step beside them.
 */
final class TargetsSection {

  /** The kernel's own added latency per step, p50 of sequential runs ({@link #kernelPerStepMs}). */
  static final double KERNEL_STEP_TARGET_MS = 5.0;

  private final List<ServerPass.Result> passes;

  TargetsSection(List<ServerPass.Result> passes) {
    this.passes = passes;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    for (ServerPass.Result pass : passes) {
      if (!out.isEmpty()) {
        out.append("\n\n");
      }
      out.append(table(pass).strip());
    }
    return out.toString();
  }

  private static String table(ServerPass.Result pass) {
    AdmissionBench.Result a = pass.admission();
    Map<String, Object> v = new HashMap<>();
    v.put("title", title(pass));
    v.put(
        "which",
        pass.server() == BenchServer.Kind.POSTGRES
            ? "the production server, which the issue's targets are set on"
            : "what standalone mode runs");
    v.put("admissionTarget", f1(Report.ADMISSION_TARGET));
    v.put("admissionRatio", f2(a.ratio()));
    v.put("apiPerSecond", grouped(a.apiPerSecond()));
    v.put("barePerSecond", grouped(a.barePerSecond()));
    v.put("admissionClients", a.clients());
    v.put("admissionMet", met(a.ratio() >= Report.ADMISSION_TARGET));
    Template rows = Template.load("benchmarks-step-targets.md");
    StringBuilder steps = new StringBuilder();
    for (StepBench.Result s : pass.steps()) {
      double seq = ratio(s.agent().sequentialStats(), s.bare().sequentialStats());
      double con = ratio(s.agent().concurrentStats(), s.bare().concurrentStats());
      double kernel = kernelPerStepMs(s);
      Map<String, Object> r = new HashMap<>();
      r.put("steps", s.steps());
      r.put("target", f1(Report.STEP_TARGET));
      r.put("sequential", f2(seq));
      r.put("sequentialMet", met(seq <= Report.STEP_TARGET));
      r.put("concurrentRuns", s.concurrentRuns());
      r.put("concurrent", f2(con));
      r.put("concurrentMet", met(con <= Report.STEP_TARGET));
      r.put("kernelTarget", f1(KERNEL_STEP_TARGET_MS));
      r.put("kernelMs", f1(kernel));
      r.put("agentCycleMs", f1(s.agent().history.stepCycles().p50Ms()));
      r.put("bareCycleMs", f1(s.bare().history.stepCycles().p50Ms()));
      r.put("kernelMet", met(kernel <= KERNEL_STEP_TARGET_MS));
      r.put("kernelCpuMs", f1(cpuPerStep(s, s.agent(), CpuAccount.KERNEL)));
      r.put("serverCpuMs", f1(cpuPerStep(s, s.agent(), CpuAccount.SERVER)));
      r.put("bareServerCpuMs", f1(cpuPerStep(s, s.bare(), CpuAccount.SERVER)));
      steps.append(rows.render(r));
    }
    v.put("stepTargets", steps.toString());
    return Template.load("benchmarks-targets-server.md").render(v);
  }

  static String title(ServerPass.Result pass) {
    return pass.server().title + (pass.setting().isEmpty() ? "" : ", " + pass.setting());
  }

  /**
   * The kernel's own added latency per step: the median step cycle of the agent's sequential runs
   * less the bare workflow's ({@link HistoryBreakdown#stepCycles}), both from server timestamps.
   */
  static double kernelPerStepMs(StepBench.Result s) {
    return s.agent().history.stepCycles().p50Ms() - s.bare().history.stepCycles().p50Ms();
  }

  /** CPU ms per step of {@code groups} while the variant's concurrent batch ran. */
  static double cpuPerStep(StepBench.Result s, StepBench.Variant v, List<String> groups) {
    return CpuAccount.sum(v.concurrentCpuMs, groups) / s.concurrentRuns() / s.steps();
  }
}
