package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseReportTest {

  private static final String SECTION =
      new SseReport(
                  ReportFixtures.sse(),
                  ReportFixtures.STARTED,
                  "1.00 / 1.00 / 1.00",
                  "2.00 / 2.00 / 2.00",
                  "scripts/bench.sh --only sse")
              .section(ReportTest.MACHINE)
          + "\n";

  @Test
  void theSectionRunsFromItsHeadingToItsLastLine() {
    assertThat(SECTION)
        .startsWith(SseReport.HEADING + "\n\n200 concurrent")
        .contains("| command | `scripts/bench.sh --only sse` |")
        .contains("| append call start → client (200 streams) | 4200 of 4200 |")
        .endsWith("no stream polls.\n\n")
        .doesNotContain("{{");
  }

  @Test
  void measuredAloneItReplacesOnlyItsOwnSection() {
    String document =
        "# Benchmarks\n\n## 3. Standalone\n\nkept\n\n"
            + SseReport.HEADING
            + "\n\nold figures\n\n## Reading the figures\n\nkept too\n";

    assertThat(SseOnly.withSection(document, SECTION))
        .isEqualTo(
            "# Benchmarks\n\n## 3. Standalone\n\nkept\n\n"
                + SECTION
                + "## Reading the figures\n\nkept too\n");
  }

  @Test
  void measuredAloneItGoesBeforeTheReadingWhenTheDocumentHasNoSectionFour() {
    String document = "# Benchmarks\n\nkept\n\n## Reading the figures\n\nkept too\n";

    assertThat(SseOnly.withSection(document, SECTION))
        .isEqualTo("# Benchmarks\n\nkept\n\n" + SECTION + "## Reading the figures\n\nkept too\n");
  }
}
