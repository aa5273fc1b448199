package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reports rendered from the templates, against documents recorded from the same fixed results
 * with the Java-prose reports they replaced ({@code golden/}, see its README): same text to the
 * character, but for the harness's package and default home, which moved.
 */
class ReportTest {

  static final Machine MACHINE =
      new Machine(
          "Intel(R) Xeon(R) Processor",
          2,
          "23.5 GiB",
          "Debian GNU/Linux 12 (bookworm)",
          "6.18.44-fc",
          "Eclipse Adoptium",
          "25.0.3+9-LTS",
          "v1.5.1");

  static BenchMain.Results results(boolean standaloneAndSse) {
    return results(standaloneAndSse, true);
  }

  static BenchMain.Results results(boolean standaloneAndSse, boolean peer) {
    List<StepBench.Result> steps = ReportFixtures.steps();
    if (!peer) {
      steps =
          steps.stream()
              .map(
                  s ->
                      new StepBench.Result(
                          s.steps(),
                          s.sequentialRuns(),
                          s.concurrentRuns(),
                          s.warmup(),
                          s.concurrentWarmup(),
                          s.variants().subList(0, 3)))
              .toList();
    }
    // Both servers with the same fixtures: the report's structure, not new figures, is checked.
    List<ServerPass.Result> passes =
        List.of(
            pass(BenchServer.Kind.DEV, "", steps, null),
            pass(
                BenchServer.Kind.POSTGRES,
                "activity eager execution off",
                steps,
                peer ? ReportFixtures.PEER : null));
    return new BenchMain.Results(
        ReportFixtures.options("scripts/bench.sh"),
        ReportFixtures.STARTED,
        Duration.ofSeconds(357, 400_000_000),
        passes,
        "v1.29.1",
        standaloneAndSse ? ReportFixtures.standalone() : null,
        standaloneAndSse ? ReportFixtures.sse() : null,
        "1.85 / 2.12 / 2.71",
        "4.57 / 2.52 / 2.64");
  }

  private static ServerPass.Result pass(
      BenchServer.Kind kind, String setting, List<StepBench.Result> steps, String peer) {
    return new ServerPass.Result(
        kind,
        setting,
        "127.0.0.1:7233",
        "fsync=on, synchronous_commit=on (SHOW on the stack's database)",
        peer,
        ReportFixtures.admission(),
        steps,
        ReportFixtures.benchStackMemory());
  }

  @Test
  void theFullRunRendersTheRecordedDocument() throws IOException {
    String markdown = new Report(results(true), MACHINE).markdown();

    assertThat(markdown).isEqualTo(golden("benchmarks.md", markdown));
  }

  @Test
  void withoutTheStandalonePhaseOrSseTheDocumentSaysSoAndHasNoSectionFour() throws IOException {
    String markdown = new Report(results(false), MACHINE).markdown();

    assertThat(markdown).isEqualTo(golden("benchmarks-minimal.md", markdown));
    assertThat(markdown)
        .contains(
            "## 3. Standalone start time and memory\n\n"
                + "Not measured in this run (`--standalone false`).\n\n"
                + "## Reading the figures\n")
        .doesNotContain(SseReport.HEADING);
  }

  @Test
  void thePeerIsAThirdKindOfRunNextToTheAgentAndBareTemporal() {
    String markdown = new Report(results(true), MACHINE).markdown();

    assertThat(markdown)
        .contains("| peer | " + ReportFixtures.PEER + " |\n")
        .contains("| DBOS workflow, 5 no-op steps | 5 | ")
        .contains("| DBOS workflow, 10 no-op steps | 10 | ")
        .contains(
            "Against the peer's DBOS workflow, 5 no-op steps: agent run / DBOS sequential mean")
        .contains("DBOS is a library, not a server.");
  }

  @Test
  void withoutThePeerNeitherItsRowsNorItsNotesAppear() {
    String markdown = new Report(results(true, false), MACHINE).markdown();

    assertThat(markdown)
        .doesNotContain("| peer |")
        .doesNotContain("DBOS workflow,")
        .doesNotContain("Against the peer")
        .doesNotContain("DBOS is a library")
        .contains("| bare workflow, 5 no-op activities | 5 | ")
        .doesNotContain("{{")
        .doesNotContain("\n\n\n");
  }

  @Test
  void everySectionAppearsOnceInOrderAndNoPlaceholderIsLeft() {
    String markdown = new Report(results(true), MACHINE).markdown();

    assertThat(markdown)
        .doesNotContain("{{")
        .containsSubsequence(
            "# Benchmarks\n",
            "## Machine and run\n",
            "## Against the targets\n",
            "## 1. Admission\n",
            "## 2. Step overhead\n",
            "### Temporal CLI dev server (SQLite)\n",
            "#### N = 5\n",
            "#### N = 10\n",
            "### Temporal server on PostgreSQL, activity eager execution off\n",
            "#### N = 5\n",
            "#### N = 10\n",
            "### Activity eager execution, and where the kernel's time per step goes",
            "### Operations per activity",
            "## 3. Standalone start time and memory\n",
            SseReport.HEADING + "\n",
            "## Reading the figures\n",
            "## Rerun\n")
        .doesNotContain("\n\n\n");
  }

  @Test
  void theAgentTurnsRunRendersTheRecordedDocument() throws IOException {
    String markdown = new AgentTurnReport(ReportFixtures.agentTurns(), MACHINE).markdown();

    assertThat(markdown).isEqualTo(golden("benchmarks-agent-turns.md")).doesNotContain("{{");
  }

  /**
   * The recorded document; with {@code -Dgolden.record=true} it is first rewritten from {@code
   * rendered} (in the source tree), for a template changed on purpose: review the diff.
   */
  static String golden(String name, String rendered) throws IOException {
    if (Boolean.getBoolean("golden.record")) {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("src/test/resources/golden", name), rendered);
      return rendered;
    }
    return golden(name);
  }

  static String golden(String name) throws IOException {
    try (InputStream in = ReportTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
