package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Real Temporal server, real MinIO: the worker is killed with SIGKILL again and again. */
class WorkerChaosSystemIT {

  private static final int RUNS = 100;
  private static final int KILLS = 4;
  private static final Duration LATENCY = Duration.ofMillis(2000);

  @Test
  void hundredRunsSurviveRepeatedKillNineOfTheWorkerAndNoCompletedStepRunsTwice() throws Exception {
    try (SystemStack system = SystemStack.start("worker-chaos")) {
      // Slow model steps keep every run in flight across the kills: 3 model calls and 2 tool
      // calls per run, 500 activities for 50 worker slots.
      system.model.latency(LATENCY).toolRounds(2);
      E2ETenant api = E2ETenant.newTenant(system.stack);
      // The spec's defaults (120 s per attempt): a killed worker's call is noticed by the missed
      // heartbeats (10 s), not by the attempt timeout, and retried on the default backoff.
      api.createAgentWithDefaults("chaos", system.model.baseUrl());
      List<String> runIds = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        runIds.add(api.startRun("chaos", "chaos run " + i));
      }

      long seed = System.nanoTime();
      Random random = new Random(seed);
      List<Instant> kills = new ArrayList<>();
      for (int kill = 0; kill < KILLS; kill++) {
        Thread.sleep(1500 + random.nextInt(3000));
        kills.add(Instant.now());
        system.stack.killWorker();
        system.stack.startNewWorker();
      }

      for (String runId : runIds) {
        RunChecks.succeededExactlyOnce(api, runId, 3, 2);
      }
      assertThat(api.runIds()).as("no run created twice").hasSize(RUNS);
      long repeats = RunChecks.noCompletedModelStepCalledAgain(api, runIds, system.model);
      // The kills must have interrupted work, or this test proved nothing (seed for a rerun).
      assertThat(repeats).as("interrupted model calls repeated (seed %d)", seed).isPositive();
      for (int kill = 0; kill < KILLS; kill++) {
        RecoveryTimes.interruptedSteps(
            api, runIds, system.model, kills.get(kill), LATENCY, (kill + 1) + "/" + KILLS);
      }
      RecoveryTimes.print(
          "worker kill -9",
          "all runs ended after the first kill",
          RecoveryTimes.lastRunEnded(api, runIds, kills.get(0)));
    }
  }
}
