package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Directories;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.testkit.ReferenceAgent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/bench.sh --only agent-turns}: {@link AgentTurnBench} on a stack of its own, built
 * as the full bench builds it (packaged API and worker, real Temporal dev server on a fresh SQLite
 * file, fake model with zero latency), plus the Python reference agent as a real process. It writes
 * its own document (default docs/benchmarks-agent-turns.md): the full bench runs for a long time
 * and does not need Python, and this comparison is rerun on its own when the agent protocol or the
 * reference agent changes.
 */
final class AgentTurnsOnly {

  static final String DEFAULT_OUTPUT = "docs/benchmarks-agent-turns.md";

  /** Facts of the run for the report, besides the figures. */
  record Run(
      BenchOptions options,
      Instant started,
      Duration took,
      String postgresDurability,
      String pythonAgent,
      String loadAtStart,
      String loadAtEnd,
      AgentTurnBench.Result result) {}

  private AgentTurnsOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    Instant started = Instant.now();
    String loadAtStart = BenchMain.loadAverage();
    long t0 = System.nanoTime();
    Path home = options.home();
    Directories.deleteRecursively(home.resolve("temporal"));
    Directories.deleteRecursively(home.resolve("stack"));
    Directories.deleteRecursively(home.resolve("python-agent"));
    AgentTurnBench.Result result;
    String durability;
    // Zero latency: the built-in side is then the kernel's own cost of a step, with nothing
    // standing in for an LLM's think time; one tool round gives the 2-step shape of the agent.
    try (FakeOpenAiServer model = FakeOpenAiServer.start().latency(Duration.ZERO).toolRounds(1);
        ReferenceAgent agent = ReferenceAgent.start(home.resolve("python-agent"), Map.of());
        TemporalDevServer temporal =
            TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free());
        Stack stack = Stack.start(BenchStack.settings(options, temporal.target()))) {
      log.println("stack up: API " + stack.apiUrl() + "; Python agent at " + agent.endpoint());
      durability = BenchMain.durableCommits(stack);
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        String tenant = "bench-turns";
        BenchApi api =
            new BenchApi(stack.apiUrl(), stack.tokens().tenantAdmin(tenant, Duration.ofHours(2)));
        api.createTenant(tenant, stack.tokens().platformAdmin(Duration.ofMinutes(10)));
        AgentTurnBench bench = new AgentTurnBench(api, client, log);
        bench.publish(model.baseUrl(), agent.endpoint());
        result =
            bench.run(options.agentTurnRuns(), options.agentTurnWarmup(), model, agent.endpoint());
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
            pythonVersion() + ", " + pydanticAi(),
            loadAtStart,
            BenchMain.loadAverage(),
            result);
    Path output = options.output();
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    Files.writeString(output, new AgentTurnReport(run, Machine.current()).markdown());
    log.println("wrote " + output + " (took " + run.took().toSeconds() + " s)");
  }

  /** {@code python --version} of the interpreter {@code ReferenceAgent} starts. */
  private static String pythonVersion() {
    // Where ReferenceAgent finds it (embedded's Tools, package-private there).
    String tools = System.getenv("AGENT_RUNTIME_TOOLS");
    Path python =
        tools != null && !tools.isBlank()
            ? Path.of(tools, "bin", "python-agent-python")
            : Path.of(System.getProperty("user.home"), ".cache/agent-runtime/tools/bin")
                .resolve("python-agent-python");
    try {
      Process p =
          new ProcessBuilder(python.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      return out.isEmpty() ? "Python (version unknown)" : out;
    } catch (IOException e) {
      return "Python (version unknown)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Python (version unknown)";
    }
  }

  /** The pinned PydanticAI of examples/python-agent/requirements.txt. */
  private static String pydanticAi() {
    try {
      return Files.readAllLines(Path.of("examples/python-agent/requirements.txt")).stream()
          .filter(l -> l.startsWith("pydantic-ai-slim=="))
          .findFirst()
          .orElse("pydantic-ai-slim (version unknown)");
    } catch (IOException e) {
      return "pydantic-ai-slim (version unknown)";
    }
  }
}
