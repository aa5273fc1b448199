package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.embedded.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first hour, as a new user lives it, on one standalone stack for the class: the launcher's
 * {@code --help}; the first-run sequence it prints (the README's) pasted into bash twice on the
 * same home; {@code examples/first-run.sh} twice; every curl block of the README and docs/api.md
 * twice; then Ctrl-C's signal stops the stack and the launcher says so. Each step reruns what the
 * earlier ones did, on purpose: a documented sequence must work on a kept home.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OneLauncherAtATime.class)
class StandaloneFirstRunIT {

  private static final Pattern RUN_STATUS =
      Pattern.compile("\"id\":\"([0-9a-f-]{36})\"[^\\n]*?\"status\":\"([a-z_]+)\"");

  /** The run's output with its text, as GET /v1/runs/{id} shows a small answer. */
  private static final Pattern ANSWER_SHOWN =
      Pattern.compile("\"output\":\\{\"contentType\":\"[^\"]+\",\"sizeBytes\":\\d+,\"text\":\"");

  private static final Path E2E =
      Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"));
  private static Path home;
  private static int apiPort;
  private static LauncherProcess launcher;
  private static long launchedNanos;

  @BeforeAll
  static void startStack() {
    home = E2E.resolve("first-run");
    apiPort = Ports.free();
    launchedNanos = System.nanoTime();
    launcher =
        LauncherProcess.start(
            home,
            "launcher-output.txt",
            "--fresh",
            "--api-port",
            Integer.toString(apiPort),
            "--worker-port",
            Integer.toString(Ports.free()));
    launcher.awaitLine(Pattern.compile("Ctrl-C stops everything\\."), Duration.ofMinutes(4));
  }

  @AfterAll
  static void stopStack() {
    launcher.close();
  }

  @Test
  @Order(1)
  void helpPrintsTheOptionsAndExitsZero() throws Exception {
    try (LauncherProcess help =
        LauncherProcess.start(E2E.resolve("help"), "help-output.txt", "--help")) {
      assertThat(help.awaitExit(Duration.ofSeconds(60))).isTrue();
      assertThat(help.exitCode()).as(help.output()).isZero();
      assertThat(help.output())
          .contains("usage: standalone.sh", "--fresh", "--demo", "--api-port N");
    }
  }

  @Test
  @Order(2)
  void thePrintedFirstRunSucceedsAndAnswersTheSameRunWhenPastedAgain() throws Exception {
    String sequence = sequence(launcher.output());
    assertThat(sequence).contains(". " + home.toAbsolutePath().resolve("env.sh"));

    String firstPrinted = bash(sequence, home, "");
    double secondsToAnswer = (System.nanoTime() - launchedNanos) / 1e9;
    Matcher first = RUN_STATUS.matcher(firstPrinted);
    Matcher again = RUN_STATUS.matcher(bash(sequence, home, ""));
    // The answer is in the run (small text inline) and its content is served by the API.
    assertThat(firstPrinted)
        .containsPattern(ANSWER_SHOWN)
        .doesNotContain("\"status\":404", "object-store-unavailable");

    assertThat(first.find()).as("a run answered the first time").isTrue();
    assertThat(first.group(2)).isEqualTo("succeeded");
    assertThat(again.find()).as("a run answered the second time").isTrue();
    assertThat(again.group(2)).isEqualTo("succeeded");
    assertThat(again.group(1)).isEqualTo(first.group(1));
    Files.writeString(
        home.resolve("first-run-time.txt"),
        "from the launcher's start to the first printed answer: %.1f s%n"
            .formatted(secondsToAnswer));
  }

  @Test
  @Order(3)
  void theFirstRunScriptPrintsTheAnswerAndAnswersTheSameRunWhenRunAgain() throws Exception {
    Outcome first = firstRunScript(Map.of());
    Outcome again = firstRunScript(Map.of());

    for (Outcome outcome : List.of(first, again)) {
      assertThat(outcome.exitCode()).as(outcome.printed()).isZero();
      assertThat(outcome.printed())
          .containsPattern("agent notes \\([0-9a-f-]{36}\\), version [0-9]+")
          .contains("status: succeeded")
          .containsPattern("answer:\n  \\S");
    }
    String run = runId(first.printed());
    assertThat(runId(again.printed())).isEqualTo(run);
    assertThat(again.printed()).contains("(started before with the Idempotency-Key my-first-run");

    Outcome help = firstRunScript(Map.of(), "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.printed()).contains("Usage: examples/first-run.sh [message]");

    String nowhere = "http://127.0.0.1:" + Ports.free();
    Outcome unreachable = firstRunScript(Map.of("AR", nowhere));
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.printed())
        .contains("the API at " + nowhere + " does not answer")
        .doesNotContain("curl:");
  }

  @Test
  @Order(4)
  void everyCurlBlockOfTheReadmeAndTheApiDocRunsAndRunsAgain() throws Exception {
    List<DocCurlBlocks.Block> blocks = new ArrayList<>();
    blocks.addAll(DocCurlBlocks.read(root().resolve("README.md"), "README.md"));
    blocks.addAll(DocCurlBlocks.read(root().resolve("docs/api.md"), "docs/api.md"));
    // The README's first run comes first: the blocks after it use what it sets.
    assertThat(blocks.get(0).where()).startsWith("README.md:");
    assertThat(blocks.get(0).text()).contains("Idempotency-Key: my-first-run");
    assertThat(blocks).extracting(DocCurlBlocks.Block::where).anyMatch(w -> w.startsWith("docs/"));
    String script = DocCurlBlocks.script(blocks);
    // The docs' commands run in a checkout whose default home is this stack's.
    Path checkout = home.resolveSibling("docs-checkout");
    Files.createDirectories(checkout);
    Path link = checkout.resolve(".standalone");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, home.toAbsolutePath());

    for (int pass = 1; pass <= 2; pass++) {
      String printed = bash(script, checkout, "sk-doc-test-not-a-real-key\n");
      Files.writeString(home.resolve("doc-blocks-" + pass + ".out"), printed);
      assertThat(printed)
          .as("pass %d", pass)
          .contains("doc-test: every block ran")
          .doesNotContain("doc-test: a request answered", "doc-test: curl failed");
    }
  }

  @Test
  @Order(5)
  void stoppedLikeCtrlCTheLauncherSaysItStoppedAndWhereItsDataIs() throws Exception {
    int before = launcher.lineCount();
    launcher.stop(); // SIGTERM, handled as Ctrl-C's SIGINT is
    assertThat(launcher.awaitExit(Duration.ofMinutes(2))).isTrue();
    launcher.awaitLine(
        Pattern.compile("^Stopping Agent Runtime standalone"), Duration.ZERO, before);
    launcher.awaitLine(
        Pattern.compile(
            "^Agent Runtime standalone stopped; its data is kept in "
                + Pattern.quote(home.toAbsolutePath().resolve("data").toString())),
        Duration.ZERO,
        before);
  }

  private record Outcome(int exitCode, String printed) {}

  private static Outcome firstRunScript(Map<String, String> environment, String... arguments)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of(root().resolve("examples/first-run.sh").toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("AR");
    builder.environment().put("AGENT_RUNTIME_HOME", home.toAbsolutePath().toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(printed).isTrue();
    return new Outcome(process.exitValue(), printed);
  }

  private static String runId(String printed) {
    Matcher run = Pattern.compile("^run ([0-9a-f-]{36})", Pattern.MULTILINE).matcher(printed);
    assertThat(run.find()).as(printed).isTrue();
    return run.group(1);
  }

  /** The printed lines between the "Try it" paragraph and the next blank line, unindented. */
  private static String sequence(String guide) {
    List<String> lines = guide.lines().toList();
    int start = 0;
    while (!lines.get(start).startsWith("the sequence can be pasted again")) {
      start++;
    }
    StringBuilder sequence = new StringBuilder();
    for (int i = start + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
      sequence.append(lines.get(i).substring(2)).append('\n');
    }
    return sequence.toString();
  }

  /**
   * Runs {@code script} with bash in {@code directory}, {@code input} on its stdin; its output,
   * stderr included. It must exit 0.
   */
  private static String bash(String script, Path directory, String input) throws Exception {
    Process bash =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
    try (var stdin = bash.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(bash.exitValue()).as(printed).isZero();
    assertThat(printed).as("no request went to a wrong path").doesNotContain("\"status\":405");
    return printed;
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
