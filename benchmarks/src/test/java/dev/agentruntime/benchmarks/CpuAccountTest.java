package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
    // Work until this thread itself has used 200 ms of CPU, however busy the machine is (a
    // wall-clock loop got too little CPU on a loaded machine to show).
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long until = threads.getCurrentThreadCpuTime() + 200_000_000L;
    while (threads.getCurrentThreadCpuTime() < until) {
      sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
    }
    Map<String, Double> used = account.take().millisSince(before);
    assertThat(sink).isNotNegative();
    assertThat(used.get(CpuAccount.BENCH_JVM)).isGreaterThanOrEqualTo(100.0);
    assertThat(used.keySet()).containsExactlyElementsOf(CpuAccount.GROUPS);
  }

  @Test
  void thePortOfAJdbcUrlNamesTheStacksPostgresqlServer() {
    assertThat(CpuAccount.portOf("jdbc:postgresql://localhost:38301/postgres")).isEqualTo(38301);
    assertThat(CpuAccount.portOf("jdbc:postgresql://127.0.0.1:5432/db?ssl=false")).isEqualTo(5432);
  }
}
