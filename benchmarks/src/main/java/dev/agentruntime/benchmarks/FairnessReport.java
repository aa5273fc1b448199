package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f1;
import static dev.agentruntime.benchmarks.Formats.f2;

import java.util.Map;

/**
 * docs/benchmarks-fairness.md from one {@link FairnessOnly} run; the prose is in {@code
 * templates/benchmarks-fairness.md}.
 */
record FairnessReport(FairnessOnly.Run run, Machine machine) {

  String markdown() {
    BenchOptions options = run.facts().options();
    Map<String, Object> v =
        run.facts().values(machine, options.fairnessWarmup(), options.fairnessRuns());
    side(v, "off", run.off());
    side(v, "on", run.on());
    Stats off = Stats.of(run.off().floodWaits());
    Stats on = Stats.of(run.on().floodWaits());
    v.put("ratioP50", f1(off.p50Ms() / on.p50Ms()));
    v.put("ratioP99", f1(off.p99Ms() / on.p99Ms()));
    v.put("flood", options.fairnessFlood());
    v.put("slots", FairnessBench.ACTIVITY_SLOTS);
    v.put("latencyMs", FairnessBench.MODEL_LATENCY.toMillis());
    v.put("spacingMs", FairnessBench.SPACING.toMillis());
    // The flood's own drain time on these slots: what a run queued behind all of it would wait.
    v.put(
        "drainSeconds",
        f1(
            options.fairnessFlood()
                * FairnessBench.MODEL_LATENCY.toMillis()
                / 1000.0
                / FairnessBench.ACTIVITY_SLOTS));
    v.put("defaultOutput", FairnessOnly.DEFAULT_OUTPUT);
    return Template.load("benchmarks-fairness.md").render(v);
  }

  private static void side(Map<String, Object> v, String key, FairnessBench.Side side) {
    Stats idle = Stats.of(side.idleWaits());
    Stats flood = Stats.of(side.floodWaits());
    v.put(key + ".idleP50", f1(idle.p50Ms()));
    v.put(key + ".idleP99", f1(idle.p99Ms()));
    v.put(key + ".floodP50", f1(flood.p50Ms()));
    v.put(key + ".floodP99", f1(flood.p99Ms()));
    v.put(key + ".floodMax", f1(flood.maxMs()));
    v.put(key + ".floodOverIdleP99", f2(flood.p99Ms() / idle.p99Ms()));
    v.put(key + ".openAfter", side.floodOpenAfter());
  }
}
