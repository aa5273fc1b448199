package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Directories;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code scripts/bench.sh --only child-runs}: {@link ChildRunBench} on a stack of its own, built as
 * the full bench builds it (packaged API and worker, real Temporal dev server on a fresh SQLite
 * file, fake model with zero latency). It writes its own document (default
 * docs/benchmarks-child-runs.md), rerun on its own when child runs change.
 */
final class ChildRunsOnly {

  static final String DEFAULT_OUTPUT = "docs/benchmarks-child-runs.md";

  /** Facts of the run for the report, besides the figures. */
  record Run(
      BenchOptions options,
      Instant started,
      Duration took,
      String postgresDurability,
      String loadAtStart,
      String loadAtEnd,
      ChildRunBench.Result result) {}

  private ChildRunsOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    Instant started = Instant.now();
    String loadAtStart = BenchMain.loadAverage();
    long t0 = System.nanoTime();
    Path home = options.home();
    Directories.deleteRecursively(home.resolve("temporal"));
    Directories.deleteRecursively(home.resolve("stack"));
    ChildRunBench.Result result;
    String durability;
    // Zero latency: both shapes then measure the kernel's own cost, with nothing standing in for an
    // LLM's think time; one tool round gives each root its 2 steps (the child has no tools, so it
    // answers in one).
    try (FakeOpenAiServer model = FakeOpenAiServer.start().latency(Duration.ZERO).toolRounds(1);
        TemporalDevServer temporal =
            TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free());
        Stack stack = Stack.start(BenchStack.settings(options, temporal.target()))) {
      log.println("stack up: API " + stack.apiUrl());
      durability = BenchMain.durableCommits(stack);
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        String tenant = "bench-children";
        BenchApi api =
            new BenchApi(stack.apiUrl(), stack.tokens().tenantAdmin(tenant, Duration.ofHours(2)));
        api.createTenant(tenant, stack.tokens().platformAdmin(Duration.ofMinutes(10)));
        ChildRunBench bench = new ChildRunBench(api, client, log);
        bench.publish(model.baseUrl());
        result = bench.run(options.childRunRuns(), options.childRunWarmup());
      } finally {
        stubs.shutdownNow();
      }
    }
    Run run =
        new Run(
            options,
            started,
            Duration.ofNanos(System.nanoTime() - t0),
            durability,
            loadAtStart,
            BenchMain.loadAverage(),
            result);
    Path output = options.output();
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    Files.writeString(output, new ChildRunReport(run, Machine.current()).markdown());
    log.println("wrote " + output + " (took " + run.took().toSeconds() + " s)");
  }
}
