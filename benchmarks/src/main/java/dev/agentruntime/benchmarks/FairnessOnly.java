package dev.agentruntime.benchmarks;

import dev.agentruntime.testkit.FakeOpenAiServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * {@code scripts/bench.sh --only fairness}: {@link FairnessBench} twice in one run, each on a stack
 * of its own ({@link OwnStack}) whose worker has {@link FairnessBench#ACTIVITY_SLOTS} activity
 * slots, first on a Temporal server with task queue fairness off (first in, first out: the fairness
 * keys are ignored), then with it on, as the project runs it. It writes its own document (default
 * docs/benchmarks-fairness.md).
 */
final class FairnessOnly {

  static final String DEFAULT_OUTPUT = "docs/benchmarks-fairness.md";

  /** What the report is made of. */
  record Run(RunFacts facts, FairnessBench.Side off, FairnessBench.Side on) {}

  private FairnessOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    RunFacts.Start start = RunFacts.Start.now();
    Map<String, String> worker =
        Map.of(
            "agent-runtime.worker.max-concurrent-activities",
            Integer.toString(FairnessBench.ACTIVITY_SLOTS));
    FairnessBench.Side off;
    FairnessBench.Side on;
    String durability;
    try (FakeOpenAiServer model =
        FakeOpenAiServer.start().latency(FairnessBench.MODEL_LATENCY).toolRounds(0)) {
      off = side(options, log, false, worker, model).result();
      OwnStack.Durable<FairnessBench.Side> measured = side(options, log, true, worker, model);
      on = measured.result();
      durability = measured.postgresDurability();
    }
    Run run = new Run(start.end(options, durability), off, on);
    run.facts().write(new FairnessReport(run, Machine.current()).markdown(), log);
  }

  private static OwnStack.Durable<FairnessBench.Side> side(
      BenchOptions options,
      PrintStream log,
      boolean fairness,
      Map<String, String> worker,
      FakeOpenAiServer model)
      throws Exception {
    return OwnStack.run(
        options,
        FairnessBench.FLOODER,
        log,
        fairness,
        worker,
        parts -> {
          String durability = BenchMain.durableCommits(parts.stack());
          BenchApi other =
              new BenchApi(
                  parts.stack().apiUrl(),
                  parts.stack().tokens().tenantAdmin(FairnessBench.OTHER, Duration.ofHours(2)));
          other.createTenant(
              FairnessBench.OTHER, parts.stack().tokens().platformAdmin(Duration.ofMinutes(10)));
          FairnessBench bench = new FairnessBench(parts.client(), parts.api(), other, log);
          bench.publish(model.baseUrl());
          return new OwnStack.Durable<>(
              durability,
              bench.run(
                  fairness,
                  options.fairnessFlood(),
                  options.fairnessRuns(),
                  options.fairnessWarmup()));
        });
  }
}
