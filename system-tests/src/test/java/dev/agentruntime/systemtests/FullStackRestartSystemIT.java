package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Everything goes down with runs in flight and comes back: every accepted run finishes once. */
class FullStackRestartSystemIT {

  private static final int RUNS = 20;

  @Test
  void runsInFlightFinishExactlyOnceAfterEveryServiceIsStoppedAndStartedAgain() throws Exception {
    try (SystemStack system = SystemStack.start("full-restart")) {
      assertDurableCommits(system);
      system.model.latency(Duration.ofMillis(1500)).toolRounds(2);
      E2ETenant api = E2ETenant.newTenant(system.stack);
      api.createAgentWithDefaults("restart", system.model.baseUrl());
      List<String> runIds = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        runIds.add(api.startRun("restart", "restart run " + i));
      }
      Thread.sleep(2500);
      long unfinished =
          runIds.stream()
              .filter(id -> !"succeeded".equals(api.run(id).getStatus().getValue()))
              .count();
      assertThat(unfinished).as("runs still in flight when the stack goes down").isPositive();

      // The applications crash (SIGKILL); the servers under them are stopped.
      Instant down = Instant.now();
      system.stack.killWorker();
      system.stack.killApi();
      system.stopEverything();
      system.startEverything();
      assertDurableCommits(system);

      for (String runId : runIds) {
        RunChecks.succeededExactlyOnce(api, runId, 3, 2);
      }
      assertThat(api.runIds()).as("no run lost or created twice").hasSize(RUNS);
      RunChecks.noCompletedModelStepCalledAgain(api, runIds, system.model);
      RecoveryTimes.print(
          "full stack restart",
          "all runs ended after the kill (stop and start included)",
          RecoveryTimes.lastRunEnded(api, runIds, down));
    }
  }

  /** What a stop does not lose is only proven with commits that reach the disk. */
  private static void assertDurableCommits(SystemStack system) {
    assertThat(system.postgresSetting("fsync")).isEqualTo("on");
    assertThat(system.postgresSetting("synchronous_commit")).isEqualTo("on");
  }
}
