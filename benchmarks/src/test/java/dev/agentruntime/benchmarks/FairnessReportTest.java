package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FairnessReportTest {

  private static long[] millis(long... ms) {
    return LongStream.of(ms).map(m -> m * 1_000_000L).toArray();
  }

  private static FairnessOnly.Run run() {
    return new FairnessOnly.Run(
        new RunFacts(
            ReportFixtures.options("scripts/bench.sh --only fairness"),
            ReportFixtures.STARTED,
            Duration.ofSeconds(300),
            "fsync=on, synchronous_commit=on (SHOW on the stack's database)",
            "1.00 / 1.00 / 1.00",
            "2.00 / 2.00 / 2.00"),
        new FairnessBench.Side(false, millis(20, 30, 40), millis(4000, 6000, 8000), 250),
        new FairnessBench.Side(true, millis(25, 30, 50), millis(200, 300, 400), 240));
  }

  @Test
  void reportsEachSidesWaitsAndTheirRatioOffOverOn() {
    String markdown = new FairnessReport(run(), ReportTest.MACHINE).markdown();

    assertThat(markdown)
        .contains("| idle p50 | 30.0 | 30.0 |")
        .contains("| during the flood p50 | 6000.0 | 300.0 |")
        .contains("| during the flood p99 | 8000.0 | 400.0 |")
        .contains("| flood p99 ÷ idle p99 | 200.00 | 8.00 |")
        .contains("| `bench-flood` runs still open after the last measured admission | 250 | 240 |")
        .contains("**20.0×** at p50, **20.0×** at p99")
        .contains("scripts/bench.sh --only fairness");
  }
}
