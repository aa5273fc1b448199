package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Directories;
import dev.agentruntime.standalone.Stack;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The stack of its own that a {@code scripts/bench.sh --only} phase measures on, built as the full
 * bench builds it: a real Temporal dev server on a fresh SQLite file, the packaged API and worker
 * ({@link BenchStack}), a Temporal client of that server and one tenant with its admin's {@link
 * BenchApi}. The phase gets them in a callback; everything is stopped when it returns.
 */
final class OwnStack {

  /** What a phase measures with. */
  record Parts(Stack stack, WorkflowClient client, BenchApi api) {}

  /** The phase's measurement on the stack. */
  @FunctionalInterface
  interface Phase<T> {
    T run(Parts parts) throws Exception;
  }

  /** A phase's result, with the durability its stack's PostgreSQL declared. */
  record Durable<T>(String postgresDurability, T result) {}

  private OwnStack() {}

  /**
   * Starts the stack under the options' home (an earlier run's Temporal and stack folders deleted
   * first, so nothing of it is measured), creates {@code tenant} and runs {@code phase}.
   */
  static <T> T run(BenchOptions options, String tenant, PrintStream log, Phase<T> phase)
      throws Exception {
    return run(options, tenant, log, true, Map.of(), phase);
  }

  /**
   * {@link #run} on a Temporal server with task queue fairness on or off (the fairness phase
   * compares both) and a worker with {@code workerProperties}.
   */
  static <T> T run(
      BenchOptions options,
      String tenant,
      PrintStream log,
      boolean fairness,
      Map<String, String> workerProperties,
      Phase<T> phase)
      throws Exception {
    Path home = options.home();
    Directories.deleteRecursively(home.resolve("temporal"));
    Directories.deleteRecursively(home.resolve("stack"));
    Path temporalHome = home.resolve("temporal");
    try (TemporalDevServer temporal =
            fairness
                ? TemporalDevServer.start(temporalHome, Ports.free(), Ports.free())
                : TemporalDevServer.startWithoutFairness(temporalHome, Ports.free(), Ports.free());
        Stack stack =
            Stack.start(BenchStack.settings(options, temporal.target(), workerProperties))) {
      log.println("stack up: API " + stack.apiUrl());
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        BenchApi api =
            new BenchApi(stack.apiUrl(), stack.tokens().tenantAdmin(tenant, Duration.ofHours(2)));
        api.createTenant(tenant, stack.tokens().platformAdmin(Duration.ofMinutes(10)));
        return phase.run(new Parts(stack, client, api));
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  /**
   * {@link #run}, for a phase whose document states the PostgreSQL durability: its figures are of
   * durable commits, so the stack must declare them ({@link BenchMain#durableCommits}) before the
   * phase measures.
   */
  static <T> Durable<T> runDurable(
      BenchOptions options, String tenant, PrintStream log, Phase<T> phase) throws Exception {
    return run(
        options,
        tenant,
        log,
        parts -> {
          String durability = BenchMain.durableCommits(parts.stack());
          return new Durable<>(durability, phase.run(parts));
        });
  }
}
