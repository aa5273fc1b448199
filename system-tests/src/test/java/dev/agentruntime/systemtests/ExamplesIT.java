package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.embedded.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The documented commands of examples/ work against the packaged standalone stack: each script runs
 * a real agent process against the launcher's API and worker, and its run succeeds.
 */
@ExtendWith(OneLauncherAtATime.class)
class ExamplesIT {

  private static final AtomicInteger RUNS = new AtomicInteger();
  private static Path home;
  private static int apiPort;
  private static LauncherProcess launcher;

  @BeforeAll
  static void startStack() {
    home = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"), "examples");
    apiPort = Ports.free();
    launcher =
        LauncherProcess.start(
            home,
            "launcher-output.txt",
            "--fresh",
            "--api-port",
            Integer.toString(apiPort),
            "--worker-port",
            Integer.toString(Ports.free()));
    launcher.awaitUp(Duration.ofMinutes(3));
  }

  @AfterAll
  static void stopStack() {
    launcher.close();
  }

  @Test
  void thePythonReferenceAgentRunsFromItsTryItScript() throws Exception {
    String printed = runScript("examples/python-agent/try-it.sh", Map.of());

    assertThat(printed)
        .contains("listening on http://127.0.0.1:")
        .contains("(runtime http)")
        .contains("status: succeeded")
        .containsPattern("answer:\n  \\S")
        .contains("agent.turn.completed", "tool.call.completed")
        .containsPattern("note-durable-execution\\.md \\(text/markdown, [0-9]+ bytes\\)");
  }

  @Test
  void thePythonAgentBackedByAnMcpServerRunsFromTheSameScript() throws Exception {
    String printed =
        runScript(
            "examples/python-agent/try-it.sh",
            Map.of("MCP_PORT", Integer.toString(Ports.free())),
            "--mcp",
            "pinned tools");

    assertThat(printed)
        .contains("mcp server: server-everything on http://127.0.0.1:")
        .contains("published python-notes-mcp version")
        .contains("status: succeeded")
        .containsPattern("tool.call.completed \\{[^\\n]*\"tool\":\"echo\"")
        .containsPattern("tool.call.completed \\{[^\\n]*\"tool\":\"save_note\"");
  }

  @Test
  void theTryItScriptPrintsItsHelpAndSaysWhichAddressDoesNotAnswer() throws Exception {
    Outcome help = execute("examples/python-agent/try-it.sh", Map.of(), "--help");
    assertThat(help.exitCode()).as(help.printed()).isZero();
    assertThat(help.printed()).contains("Usage: examples/python-agent/try-it.sh [--mcp] [topic]");
    assertThat(help.printed()).doesNotContain("python agent:");

    String nowhere = "http://127.0.0.1:" + Ports.free();
    Outcome unreachable = execute("examples/python-agent/try-it.sh", Map.of("AR", nowhere));
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.printed())
        .contains("the API at " + nowhere + " does not answer")
        .doesNotContain("curl:");
  }

  private record Outcome(int exitCode, String printed) {}

  private static String runScript(
      String script, Map<String, String> environment, String... arguments) throws Exception {
    Outcome outcome = execute(script, environment, arguments);
    assertThat(outcome.exitCode())
        .as("%s exit code; output:%n%s", script, outcome.printed())
        .isZero();
    return outcome.printed();
  }

  private static Outcome execute(
      String script, Map<String, String> environment, String... arguments) throws Exception {
    // One file per run of a script, kept for the report.
    Path output =
        home.resolve(Path.of(script).getFileName() + "-" + RUNS.incrementAndGet() + ".out");
    List<String> command = new ArrayList<>(List.of(root().resolve(script).toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("AR", "http://127.0.0.1:" + apiPort);
    builder.environment().put("AGENT_RUNTIME_HOME", home.toAbsolutePath().toString());
    builder.environment().put("AGENT_PORT", Integer.toString(Ports.free()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    boolean exited = process.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String printed = Files.readString(output);
    assertThat(exited).as("%s exited; output:%n%s", script, printed).isTrue();
    return new Outcome(process.exitValue(), printed);
  }

  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no examples/ above " + Path.of("").toAbsolutePath());
  }
}
