package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuAccountTest {

  @Test
  void userAndSystemTicksAreReadAfterTheCommandEvenWhenItHoldsSpacesAndParens() {
    String stat =
        "4242 (Activity (x) 1) S 1 4242 4242 0 -1 4194560 2191 0 0 0 173 29 0 0 20 0 31 0 1046"
            + " 3947724800 67584 18446744073709551615";
    assertThat(CpuAccount.parseTicks(stat)).isEqualTo(173 + 29);
  }

  @Test
  void thisJvmsOwnCpuIsCountedInItsGroupAndGrowsWithWork() {
    CpuAccount account = new CpuAccount(Path.of("/nowhere/api.jar"), Path.of("/nowhere/w.jar"));
    CpuAccount.Snapshot before = account.take();
    long sink = 0;
    long until = System.nanoTime() + 300_000_000L;
    while (System.nanoTime() < until) {
      sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
    }
    Map<String, Double> used = account.take().millisSince(before);
    assertThat(sink).isNotNegative();
    assertThat(used.get(CpuAccount.GROUPS.get(5))).isGreaterThanOrEqualTo(100.0);
    assertThat(used.keySet()).containsExactlyElementsOf(CpuAccount.GROUPS);
  }
}
