package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsToTheFullRunIntoDocsBenchmarksWithItsHomeInTheBenchmarksModule() {
    BenchOptions o = BenchOptions.parse(new String[0]);

    assertThat(o.only()).isEqualTo("all");
    assertThat(o.output()).isEqualTo(Path.of("docs/benchmarks.md"));
    assertThat(o.home()).isEqualTo(Path.of("benchmarks/target/bench").toAbsolutePath());
    assertThat(o.launcherJar())
        .isEqualTo(Path.of("standalone/target/agent-runtime-standalone.jar").toAbsolutePath());
    assertThat(o.steps()).containsExactly(5, 10);
    assertThat(o.standalone()).isTrue();
    assertThat(o.peer()).isTrue();
  }

  @Test
  void thePeerCanBeLeftOutOrMeasuredAlone() {
    assertThat(BenchOptions.parse(new String[] {"--peer", "false"}).peer()).isFalse();
    BenchOptions alone = BenchOptions.parse(new String[] {"--only", "peer", "--steps", "5"});
    assertThat(alone.only()).isEqualTo("peer");
    assertThat(alone.steps()).containsExactly(5);
  }

  @Test
  void agentTurnsWriteTheirOwnDocumentUnlessAnOutputIsGiven() {
    assertThat(BenchOptions.parse(new String[] {"--only", "agent-turns"}).output())
        .isEqualTo(Path.of(AgentTurnsOnly.DEFAULT_OUTPUT));
    assertThat(
            BenchOptions.parse(new String[] {"--only", "agent-turns", "--output", "/tmp/t.md"})
                .output())
        .isEqualTo(Path.of("/tmp/t.md"));
  }

  @Test
  void childRunsWriteTheirOwnDocumentAndTakeTheirCounts() {
    BenchOptions o =
        BenchOptions.parse(
            new String[] {
              "--only", "child-runs", "--child-run-runs", "7", "--child-run-warmup", "2"
            });

    assertThat(o.output()).isEqualTo(Path.of(ChildRunsOnly.DEFAULT_OUTPUT));
    assertThat(o.childRunRuns()).isEqualTo(7);
    assertThat(o.childRunWarmup()).isEqualTo(2);
    assertThat(BenchOptions.parse(new String[0]).childRunRuns()).isEqualTo(100);
  }

  @Test
  void fairnessWritesItsOwnDocumentAndTakesItsCounts() {
    BenchOptions o =
        BenchOptions.parse(
            new String[] {
              "--only",
              "fairness",
              "--fairness-flood",
              "50",
              "--fairness-runs",
              "9",
              "--fairness-warmup",
              "1"
            });

    assertThat(o.output()).isEqualTo(Path.of(FairnessOnly.DEFAULT_OUTPUT));
    assertThat(o.fairnessFlood()).isEqualTo(50);
    assertThat(o.fairnessRuns()).isEqualTo(9);
    assertThat(o.fairnessWarmup()).isEqualTo(1);
    assertThat(BenchOptions.parse(new String[0]).fairnessFlood()).isEqualTo(300);
  }

  @Test
  void parsesListsAndNumbers() {
    BenchOptions o =
        BenchOptions.parse(
            new String[] {
              "--steps", "5, 10,20", "--agent-turn-runs", "3", "--standalone", "false"
            });

    assertThat(o.steps()).isEqualTo(List.of(5, 10, 20));
    assertThat(o.agentTurnRuns()).isEqualTo(3);
    assertThat(o.standalone()).isFalse();
  }

  @Test
  void refusesUnknownOptionsAndAMissingValue() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--request", "5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[request]");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--clients"}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
