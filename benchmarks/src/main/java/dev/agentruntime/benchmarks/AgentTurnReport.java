package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f1;
import static dev.agentruntime.benchmarks.Formats.f2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docs/benchmarks-agent-turns.md from one {@link AgentTurnsOnly} run; the prose is in {@code
 * templates/benchmarks-agent-turns.md}.
 */
record AgentTurnReport(AgentTurnsOnly.Run run, Machine machine) {

  String markdown() {
    AgentTurnBench.Result r = run.result();
    Map<String, Object> v = run.facts().values(machine, r.warmup(), r.runs());
    v.put("pythonAgent", run.pythonAgent());
    figures(v);
    v.put("taskRows", Report.rows(taskRows()));
    probes(v);
    v.put("agentTurnRuns", run.facts().options().agentTurnRuns());
    v.put("agentTurnWarmup", run.facts().options().agentTurnWarmup());
    v.put("defaultOutput", AgentTurnsOnly.DEFAULT_OUTPUT);
    return Template.load("benchmarks-agent-turns.md").render(v);
  }

  private void figures(Map<String, Object> v) {
    AgentTurnBench.Result r = run.result();
    AgentTurnBench.Variant b = r.builtin();
    AgentTurnBench.Variant h = r.http();
    Stats bw = b.wallStats();
    Stats hw = h.wallStats();
    Stats bx = b.decision().executionStats();
    Stats hx = h.decision().executionStats();
    Stats bs = b.decision().scheduledToCompletedStats();
    Stats hs = h.decision().scheduledToCompletedStats();
    compare(v, "wallP50", bw.p50Ms(), hw.p50Ms());
    compare(v, "wallP95", bw.p95Ms(), hw.p95Ms());
    compare(v, "wallMean", bw.meanMs(), hw.meanMs());
    compare(v, "decisionP50", bx.p50Ms(), hx.p50Ms());
    compare(v, "decisionP95", bx.p95Ms(), hx.p95Ms());
    compare(v, "scheduledP50", bs.p50Ms(), hs.p50Ms());
    compare(v, "scheduledP95", bs.p95Ms(), hs.p95Ms());
    compare(v, "executionP50", b.history.execution().p50Ms(), h.history.execution().p50Ms());
    v.put("callModelTasks", b.decision().tasks);
    v.put("takeTurnTasks", h.decision().tasks);
    v.put(
        "decisionMoreMeanMs", f1(h.decision().meanExecutionMs() - b.decision().meanExecutionMs()));
    v.put("decisionMoreP50Ms", f1(hx.p50Ms() - bx.p50Ms()));
    v.put("wallMoreMeanMs", f1(hw.meanMs() - bw.meanMs()));
    v.put("wallMoreP50Ms", f1(hw.p50Ms() - bw.p50Ms()));
  }

  private List<String> taskRows() {
    AgentTurnBench.Result r = run.result();
    List<String> rows = new ArrayList<>();
    for (AgentTurnBench.Variant variant : List.of(r.builtin(), r.http())) {
      rows.addAll(Report.taskRows(variant.name, variant.history));
    }
    return rows;
  }

  private void probes(Map<String, Object> v) {
    AgentTurnBench.Result r = run.result();
    EndpointProbes.Result p = r.probes();
    v.put("probeRounds", p.rounds());
    probe(v, "modelCall1", p.modelCall1());
    probe(v, "modelCall2", p.modelCall2());
    probe(v, "manifest", p.manifest());
    probe(v, "turn1", p.turn1());
    probe(v, "turn2", p.turn2());
    double model = (mean(p.modelCall1()) + mean(p.modelCall2())) / 2;
    double agent = (mean(p.turn1()) + mean(p.turn2()) + mean(p.manifest())) / 2;
    double callModel = r.builtin().decision().meanExecutionMs();
    double takeTurn = r.http().decision().meanExecutionMs();
    v.put("callModelMs", f1(callModel));
    v.put("modelMs", f1(model));
    v.put("callModelKernelMs", f1(callModel - model));
    v.put("takeTurnMs", f1(takeTurn));
    v.put("agentMs", f1(agent));
    v.put("takeTurnKernelMs", f1(takeTurn - agent));
    v.put("httpMoreMs", f1(takeTurn - callModel));
    v.put("agentProcessMs", f1(agent - model));
    v.put("kernelDifferenceMs", f1((takeTurn - agent) - (callModel - model)));
  }

  private static void compare(Map<String, Object> v, String key, double builtin, double http) {
    v.put(key + ".builtin", f1(builtin));
    v.put(key + ".http", f1(http));
    v.put(key + ".ratio", f2(http / builtin));
  }

  private static void probe(Map<String, Object> v, String key, List<Long> nanos) {
    Stats s = Stats.of(nanos);
    v.put(key + ".mean", f2(s.meanMs()));
    v.put(key + ".p50", f2(s.p50Ms()));
    v.put(key + ".p95", f2(s.p95Ms()));
  }

  private static double mean(List<Long> nanos) {
    return Stats.of(nanos).meanMs();
  }
}
