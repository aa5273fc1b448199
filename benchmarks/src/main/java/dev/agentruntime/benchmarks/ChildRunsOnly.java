package dev.agentruntime.benchmarks;

import dev.agentruntime.testkit.FakeOpenAiServer;
import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code scripts/bench.sh --only child-runs}: {@link ChildRunBench} on a stack of its own ({@link
 * OwnStack}), built as the full bench builds it (packaged API and worker, real Temporal dev server
 * on a fresh SQLite file, fake model with zero latency). It writes its own document (default
 * docs/benchmarks-child-runs.md), rerun on its own when child runs change.
 */
final class ChildRunsOnly {

  static final String DEFAULT_OUTPUT = "docs/benchmarks-child-runs.md";

  /** What the report is made of. */
  record Run(RunFacts facts, ChildRunBench.Result result) {}

  private ChildRunsOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    RunFacts.Start start = RunFacts.Start.now();
    OwnStack.Durable<ChildRunBench.Result> measured;
    // Zero latency: both shapes then measure the kernel's own cost, with nothing standing in for an
    // LLM's think time; one tool round gives each root its 2 steps (the child has no tools, so it
    // answers in one).
    try (FakeOpenAiServer model = FakeOpenAiServer.start().latency(Duration.ZERO).toolRounds(1)) {
      measured =
          OwnStack.runDurable(
              options,
              "bench-children",
              log,
              parts -> {
                ChildRunBench bench = new ChildRunBench(parts.api(), parts.client(), log);
                bench.publish(model.baseUrl());
                return bench.run(options.childRunRuns(), options.childRunWarmup());
              });
    }
    Run run = new Run(start.end(options, measured.postgresDurability()), measured.result());
    run.facts().write(new ChildRunReport(run, Machine.current()).markdown(), log);
  }
}
