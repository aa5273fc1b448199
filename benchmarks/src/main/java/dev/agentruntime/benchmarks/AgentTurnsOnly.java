package dev.agentruntime.benchmarks;

import dev.agentruntime.standalone.Directories;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.testkit.ReferenceAgent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/bench.sh --only agent-turns}: {@link AgentTurnBench} on a stack of its own ({@link
 * OwnStack}), built as the full bench builds it (packaged API and worker, real Temporal dev server
 * on a fresh SQLite file, fake model with zero latency), plus the Python reference agent as a real
 * process. It writes its own document (default docs/benchmarks-agent-turns.md): the full bench runs
 * for a long time and does not need Python, and this comparison is rerun on its own when the agent
 * protocol or the reference agent changes.
 */
final class AgentTurnsOnly {

  static final String DEFAULT_OUTPUT = "docs/benchmarks-agent-turns.md";

  /** What the report is made of; {@code pythonAgent} names the interpreter and PydanticAI. */
  record Run(RunFacts facts, String pythonAgent, AgentTurnBench.Result result) {}

  private AgentTurnsOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    RunFacts.Start start = RunFacts.Start.now();
    Directories.deleteRecursively(options.home().resolve("python-agent"));
    OwnStack.Durable<AgentTurnBench.Result> measured;
    // Zero latency: the built-in side is then the kernel's own cost of a step, with nothing
    // standing in for an LLM's think time; one tool round gives the 2-step shape of the agent.
    try (FakeOpenAiServer model = FakeOpenAiServer.start().latency(Duration.ZERO).toolRounds(1);
        ReferenceAgent agent =
            ReferenceAgent.start(options.home().resolve("python-agent"), Map.of())) {
      log.println("Python agent at " + agent.endpoint());
      measured =
          OwnStack.runDurable(
              options,
              "bench-turns",
              log,
              parts -> {
                AgentTurnBench bench = new AgentTurnBench(parts.api(), parts.client(), log);
                bench.publish(model.baseUrl(), agent.endpoint());
                return bench.run(
                    options.agentTurnRuns(), options.agentTurnWarmup(), model, agent.endpoint());
              });
    }
    Run run =
        new Run(
            start.end(options, measured.postgresDurability()),
            pythonVersion() + ", " + pydanticAi(),
            measured.result());
    run.facts().write(new AgentTurnReport(run, Machine.current()).markdown(), log);
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
