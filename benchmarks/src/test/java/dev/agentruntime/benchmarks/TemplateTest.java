package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTest {

  @Test
  void replacesEveryOccurrenceOfANamedPlaceholderInALine() {
    Template t = Template.of("t", "p50 {{p50}} ms vs {{bare}} ms; again {{p50}}\n");

    assertThat(t.render(Map.of("p50", "12.5", "bare", "9.0")))
        .isEqualTo("p50 12.5 ms vs 9.0 ms; again 12.5\n");
  }

  @Test
  void insertsIntegersAsTheyAre() {
    assertThat(Template.of("t", "{{n}} runs, {{big}} ns").render(Map.of("n", 20, "big", 5172L)))
        .isEqualTo("20 runs, 5172 ns");
  }

  @Test
  void aPlaceholderAloneOnItsLineTakesTheLinesOfItsValueWithoutAnExtraBreak() {
    Template t = Template.of("t", "|a|b|\n|---|---|\n{{rows}}\n\nafter\n");

    assertThat(t.render(Map.of("rows", "| 1 | 2 |\n| 3 | 4 |\n")))
        .isEqualTo("|a|b|\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nafter\n");
    assertThat(t.render(Map.of("rows", "| 1 | 2 |")))
        .isEqualTo("|a|b|\n|---|---|\n| 1 | 2 |\n\nafter\n");
  }

  @Test
  void anEmptyBlockRemovesItsLine() {
    Template t = Template.of("t", "before\n\n{{optional}}\n## next\n");

    assertThat(t.render(Map.of("optional", ""))).isEqualTo("before\n\n## next\n");
    assertThat(t.render(Map.of("optional", "section\n\n")))
        .isEqualTo("before\n\nsection\n\n## next\n");
  }

  @Test
  void anEmptyValueInsideALineLeavesTheLine() {
    assertThat(Template.of("t", "a {{x}}b\n").render(Map.of("x", ""))).isEqualTo("a b\n");
  }

  @Test
  void valuesAreNotRenderedAgain() {
    assertThat(Template.of("t", "cmd: {{command}}").render(Map.of("command", "echo {{x}} $1 \\")))
        .isEqualTo("cmd: echo {{x}} $1 \\");
  }

  @Test
  void leavesSingleBracesAndMalformedPlaceholdersAlone() {
    String text = "GET /v1/runs/{id}/events {{ spaced }} {{1x}}\n";

    assertThat(Template.of("t", text).render(Map.of())).isEqualTo(text);
  }

  @Test
  void keepsTheTemplatesLineEndingsAsTheyAre() {
    assertThat(Template.of("t", "a\n\n\nb").render(Map.of())).isEqualTo("a\n\n\nb");
    assertThat(Template.of("t", "").render(Map.of())).isEmpty();
  }

  @Test
  void refusesAPlaceholderWithoutAValue() {
    assertThatThrownBy(() -> Template.of("doc.md", "{{a}} {{b}}").render(Map.of("a", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("doc.md")
        .hasMessageContaining("{{b}}");
  }

  @Test
  void refusesAValueNoPlaceholderUses() {
    assertThatThrownBy(() -> Template.of("doc.md", "{{a}}").render(Map.of("a", "1", "typo", "2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("typo");
  }

  @Test
  void refusesAnUnformattedFractionalNumber() {
    assertThatThrownBy(() -> Template.of("t", "{{ratio}}").render(Map.of("ratio", 0.68)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format it first");
  }

  @Test
  void refusesATemplateThatIsNotOnTheClasspath() {
    assertThatThrownBy(() -> Template.load("no-such.md"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/templates/no-such.md");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "benchmarks.md",
        "benchmarks-step-targets.md",
        "benchmarks-admission.md",
        "benchmarks-steps.md",
        "benchmarks-step-count.md",
        "benchmarks-step-breakdown.md",
        "benchmarks-standalone.md",
        "benchmarks-standalone-skipped.md",
        "benchmarks-sse.md",
        "benchmarks-agent-turns.md",
        "benchmarks-child-runs.md"
      })
  void everyReportTemplateEndsWithExactlyOneLineBreak(String name) throws IOException {
    // Sections are joined with one blank line between them; a template ending in a blank line
    // would double it.
    try (InputStream in = Template.class.getResourceAsStream("/templates/" + name)) {
      assertThat(in).as(name).isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).endsWith("\n").doesNotEndWith("\n\n");
    }
  }
}
