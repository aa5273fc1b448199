package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ChildRunReportTest {

  private final String markdown =
      new ChildRunReport(ChildRunFixtures.run(), ReportTest.MACHINE).markdown();

  @Test
  void givesTheChildRunsOverheadAsTheDifferenceAndTheRatioOfTheTwoShapes() {
    // Tool runs 200..290 ms, child runs 300..408 ms: means 245 and 354, nearest-rank p50 240 and
    // 348.
    assertThat(markdown)
        .contains(
            "| run wall time (POST → root completed), mean ms | 245.0 | 354.0 | **109.0** |"
                + " **1.44 ×** |")
        .contains("| run wall time, p50 ms | 240.0 | 348.0 | **108.0** | **1.45 ×** |");
  }

  @Test
  void givesThePairedDifferencesOfRunsMeasuredOneAfterTheOther() {
    // Pair i differs by 100 + 2 i ms.
    assertThat(markdown)
        .contains(
            "over 10 pairs: mean 109.0 ms, p50 108.0 ms, p99 118.0 ms (min 100.0, max 118.0)");
  }

  @Test
  void breaksTheChildDownFromTheParentsAndTheChildsHistories() {
    assertThat(markdown)
        .contains("(10 children, server timestamps)")
        .contains("recorded → the child's workflow started: mean 5.0 ms")
        .contains("started → its completion recorded in the parent: mean 60.0 ms")
        .contains("The parent thus waited 65.0 ms per call on its child's workflow, 18.4 %")
        .contains(
            "| tool call (write_artifact): root | 10 | 18.0 | 3.0 | `StartRun` 1.0, `CallTool`"
                + " 1.0, `FinishRun` 1.0 |")
        .contains("| child run (kind agent): root | 10 | 22.0 | 4.0 | ")
        .contains("| child run (kind agent): child | 10 | 11.0 | 2.0 | ")
        .contains("| child run (kind agent): child | CallModel | 1.0 | 10.00 | 25.00 |");
  }

  @Test
  void separatesTheChildsModelStepFromWhatRunningTheCallAsAChildRunCosts() {
    // The child's CallModel waits 10 ms and runs 25: 35 ms of the 109 ms mean difference.
    assertThat(markdown)
        .contains("Of the mean overhead, 35.0 ms is the child's own model step")
        .contains("The remaining **74.0 ms** is the price of running the call as a run of its own")
        .contains("the child side would take 1.30 × the tool side's mean");
  }

  @Test
  void leavesNoPlaceholderNorDoubleBlankLine() {
    assertThat(markdown)
        .startsWith("# Benchmarks: child runs\n")
        .contains("scripts/bench.sh --only child-runs\n")
        .doesNotContain("{{")
        .doesNotContain("\n\n\n");
  }

  @Test
  void rendersTheRecordedDocument() throws IOException {
    // Recorded before ChildRunReport and AgentTurnReport shared their run facts (RunFacts), so the
    // move of that part is checked to the character.
    assertThat(markdown).isEqualTo(ReportTest.golden("benchmarks-child-runs.md"));
  }
}
