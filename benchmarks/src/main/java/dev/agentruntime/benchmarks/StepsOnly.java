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
import io.temporal.worker.WorkerFactory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/bench.sh --only steps}: the step-overhead phase alone (a few minutes), on a stack
 * of its own, for profiling the worker (JVM options reach it through {@code JDK_JAVA_OPTIONS}). It
 * prints section 2, with the CPU each process group used per concurrent run, and writes it to
 * {@code steps.md} in the bench home; docs/benchmarks.md is left as it is.
 */
final class StepsOnly {

  private StepsOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    Path home = options.home();
    Directories.deleteRecursively(home.resolve("temporal"));
    Directories.deleteRecursively(home.resolve("stack"));
    String loadAtStart = BenchMain.loadAverage();
    List<StepBench.Result> results = new ArrayList<>();
    List<FakeOpenAiServer> models = new ArrayList<>();
    DbosPeer peer = null;
    String peerDescription = null;
    try (TemporalDevServer temporal =
            TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free());
        Stack stack = Stack.start(BenchStack.settings(options, temporal.target()))) {
      log.println("stack up: API " + stack.apiUrl());
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkerFactory factory = null;
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        factory = BareWorkflows.startStepsWorker(client);
        String tenant = "bench";
        BenchApi api =
            new BenchApi(stack.apiUrl(), stack.tokens().tenantAdmin(tenant, Duration.ofHours(2)));
        api.createTenant(tenant, stack.tokens().platformAdmin(Duration.ofMinutes(10)));
        for (int n : options.steps()) {
          FakeOpenAiServer model =
              FakeOpenAiServer.start().latency(Duration.ZERO).toolRounds(n - 1);
          models.add(model);
          api.createAgent("steps" + n, model.baseUrl());
        }
        if (options.peer()) {
          peer = DbosPeer.onServerOf(stack);
          peerDescription = peer.description("the stack's PostgreSQL server");
        }
        StepBench bench =
            new StepBench(
                api, client, peer, new CpuAccount(options.apiApp(), options.workerApp()), log);
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
      } finally {
        if (peer != null) {
          peer.close();
        }
        if (factory != null) {
          factory.shutdownNow();
        }
        stubs.shutdownNow();
        models.forEach(FakeOpenAiServer::close);
      }
    }
    String section = new StepSection(results, peerDescription).markdown();
    log.println(section);
    log.println("load average at start → end: " + loadAtStart + " → " + BenchMain.loadAverage());
    Files.writeString(home.resolve("steps.md"), section);
  }
}
