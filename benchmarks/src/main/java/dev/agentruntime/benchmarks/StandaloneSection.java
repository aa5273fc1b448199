package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f1;
import static dev.agentruntime.benchmarks.Formats.grouped;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Section 3 of docs/benchmarks.md: the launcher's start time and the RSS of its processes. */
final class StandaloneSection {

  private final StandaloneBench.Result s;
  private final StandaloneBench.Memory benchStack;

  /**
   * @param result null when the run skipped it ({@code --standalone false})
   * @param benchStack the API and worker of the stack of sections 1–2, for comparison
   */
  StandaloneSection(StandaloneBench.Result result, StandaloneBench.Memory benchStack) {
    this.s = result;
    this.benchStack = benchStack;
  }

  String markdown() {
    if (s == null) {
      return Template.load("benchmarks-standalone-skipped.md").render(Map.of());
    }
    Objects.requireNonNull(benchStack, "the bench stack's memory, measured in every full run");
    Map<String, Object> v = new HashMap<>();
    v.put("wallSeconds", f1(s.wallSeconds()));
    v.put("reportedSeconds", f1(s.reportedSeconds()));
    v.put("runs", s.runs());
    v.put("runSteps", s.runSteps());
    v.put("runsWallSeconds", f1(s.runsWallSeconds()));
    memory(v, "AfterStart", s.afterStart());
    memory(v, "AfterRuns", s.afterRuns());
    v.put("otherProcesses", String.join(", ", s.otherProcesses()));
    v.put("benchStackApi", grouped(benchStack.api()));
    v.put("benchStackWorker", grouped(benchStack.worker()));
    return Template.load("benchmarks-standalone.md").render(v);
  }

  private static void memory(Map<String, Object> v, String when, StandaloneBench.Memory m) {
    v.put("api" + when, grouped(m.api()));
    v.put("worker" + when, grouped(m.worker()));
    v.put("launcher" + when, grouped(m.launcher()));
    v.put("others" + when, grouped(m.others()));
  }
}
