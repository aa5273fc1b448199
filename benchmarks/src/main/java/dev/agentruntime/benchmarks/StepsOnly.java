package dev.agentruntime.benchmarks;

import dev.agentruntime.testkit.FakeOpenAiServer;
import io.temporal.worker.WorkerFactory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/bench.sh --only steps}: the step-overhead phase alone (a few minutes), on a stack
 * of its own ({@link OwnStack}), for profiling the worker (JVM options reach it through {@code
 * JDK_JAVA_OPTIONS}). It prints section 2, with the CPU each process group used per concurrent run,
 * and writes it to {@code steps.md} in the bench home; docs/benchmarks.md is left as it is.
 */
final class StepsOnly {

  private StepsOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    String loadAtStart = BenchMain.loadAverage();
    List<StepBench.Result> results = new ArrayList<>();
    String peerDescription =
        OwnStack.run(options, "bench", log, parts -> measure(parts, options, log, results));
    String section = new StepSection(results, peerDescription).markdown();
    log.println(section);
    log.println("load average at start → end: " + loadAtStart + " → " + BenchMain.loadAverage());
    Files.writeString(options.home().resolve("steps.md"), section);
  }

  /**
   * Section 2's measurement for each step count, into {@code results}; returns what the report says
   * of the DBOS peer, {@code null} without {@code --peer}.
   */
  private static String measure(
      OwnStack.Parts parts, BenchOptions options, PrintStream log, List<StepBench.Result> results)
      throws Exception {
    List<FakeOpenAiServer> models = new ArrayList<>();
    DbosPeer peer = null;
    WorkerFactory factory = null;
    try {
      factory = BareWorkflows.startStepsWorker(parts.client());
      for (int n : options.steps()) {
        FakeOpenAiServer model = FakeOpenAiServer.start().latency(Duration.ZERO).toolRounds(n - 1);
        models.add(model);
        parts.api().createAgent("steps" + n, model.baseUrl());
      }
      if (options.peer()) {
        peer = DbosPeer.onServerOf(parts.stack());
      }
      StepBench bench =
          new StepBench(
              parts.api(),
              parts.client(),
              peer,
              new CpuAccount(options.apiApp(), options.workerApp()),
              log);
      for (int n : options.steps()) {
        results.add(
            bench.run(
                "steps" + n,
                n,
                options.sequentialRuns(),
                options.concurrentRuns(),
                options.stepWarmup(),
                options.concurrentWarmup()));
      }
      return peer == null ? null : peer.description("the stack's PostgreSQL server");
    } finally {
      if (peer != null) {
        peer.close();
      }
      if (factory != null) {
        factory.shutdownNow();
      }
      models.forEach(FakeOpenAiServer::close);
    }
  }
}
