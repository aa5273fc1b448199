package dev.agentruntime.systemtests;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fault tier's core cases on the production Temporal server with its databases on the stack's
 * PostgreSQL, as the compose stack runs it (the classes named after each fault run them on the dev
 * server; {@link FullStackRestartSystemIT} runs on both). Beyond the dev server's cases, the
 * PostgreSQL crash takes Temporal's own databases down with the API's, and the Temporal crash comes
 * under load: twenty runs in flight and more admitted while it is down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTemporalFaultIT {

  private SystemStack system;

  @BeforeAll
  void start() {
    system = SystemStack.startOnPostgresTemporal("postgres-temporal-faults");
  }

  @AfterAll
  void stop() {
    system.close();
  }

  @Test
  void runsSurviveKillNineOfTheWorkerMidCallAndNoCompletedStepRunsTwice() throws Exception {
    FaultCases.workerKilled(system, 20, 2);
  }

  @Test
  void postgresKilledUnderTemporalAndTheApiLosesNoAdmittedRun() throws Exception {
    FaultCases.postgresKilled(system, Duration.ofSeconds(20), 5);
  }

  @Test
  void temporalServerKilledUnderLoadFinishesEveryAcceptedRunExactlyOnce() throws Exception {
    FaultCases.temporalKilled(system, Duration.ofSeconds(15), 20, 5);
  }
}
