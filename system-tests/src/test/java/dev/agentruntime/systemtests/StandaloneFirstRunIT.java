package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.embedded.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The first hour, as a new user lives it: the launcher's {@code --help}, then the stack up and the
 * first-run sequence it prints (the README's) pasted into bash, twice on the same home, each time
 * waiting for the run and showing it succeeded; then Ctrl-C stops it.
 */
class StandaloneFirstRunIT {

  private static final Pattern RUN_STATUS =
      Pattern.compile("\"id\":\"([0-9a-f-]{36})\"[^\\n]*?\"status\":\"([a-z_]+)\"");

  /** The run's output with its text, as GET /v1/runs/{id} shows a small answer. */
  private static final Pattern ANSWER_SHOWN =
      Pattern.compile("\"output\":\\{\"contentType\":\"[^\"]+\",\"sizeBytes\":\\d+,\"text\":\"");

  @Test
  void helpPrintsTheOptionsAndExitsZero() throws Exception {
    Path home = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"), "help");
    try (LauncherProcess help = LauncherProcess.start(home, "help-output.txt", "--help")) {
      assertThat(help.awaitExit(Duration.ofSeconds(60))).isTrue();
      assertThat(help.exitCode()).as(help.output()).isZero();
      assertThat(help.output())
          .contains("usage: standalone.sh", "--fresh", "--demo", "--api-port N");
    }
  }

  @Test
  void thePrintedFirstRunSucceedsAndAnswersTheSameRunWhenPastedAgain() throws Exception {
    Path home = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"), "first-run");
    try (LauncherProcess launcher =
        LauncherProcess.start(
            home,
            "launcher-output.txt",
            "--fresh",
            "--api-port",
            Integer.toString(Ports.free()),
            "--worker-port",
            Integer.toString(Ports.free()))) {
      launcher.awaitLine(Pattern.compile("Ctrl-C stops everything\\."), Duration.ofMinutes(4));
      String sequence = sequence(launcher.output());
      assertThat(sequence).contains(". " + home.toAbsolutePath().resolve("env.sh"));

      String firstPrinted = bash(sequence, home);
      Matcher first = RUN_STATUS.matcher(firstPrinted);
      Matcher again = RUN_STATUS.matcher(bash(sequence, home));
      // The answer is in the run (small text inline) and its content is served by the API.
      assertThat(firstPrinted)
          .containsPattern(ANSWER_SHOWN)
          .doesNotContain("\"status\":404", "object-store-unavailable");

      assertThat(first.find()).as("a run answered the first time").isTrue();
      assertThat(first.group(2)).isEqualTo("succeeded");
      assertThat(again.find()).as("a run answered the second time").isTrue();
      assertThat(again.group(2)).isEqualTo("succeeded");
      assertThat(again.group(1)).isEqualTo(first.group(1));

      launcher.stop(); // SIGTERM, handled as Ctrl-C's SIGINT is
      assertThat(launcher.awaitExit(Duration.ofMinutes(2))).isTrue();
    }
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

  /** Runs {@code script} with bash in {@code directory}; its output, stderr included. */
  private static String bash(String script, Path directory) throws Exception {
    Process bash =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
    String printed = new String(bash.getInputStream().readAllBytes());
    assertThat(bash.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(bash.exitValue()).as(printed).isZero();
    assertThat(printed).as("no request went to a wrong path").doesNotContain("\"status\":405");
    return printed;
  }
}
