package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.model.RunEventResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A dependency goes away during runs: steps wait for it, runs finish exactly once, the API answers
 * clearly. Every server fault is a crash (kill -9 of MinIO, of PostgreSQL's postmaster, of the
 * Temporal server), not a graceful stop. The agents run with the spec's defaults (no {@code retry}
 * section: 5 attempts, 1 s doubling to 30 s, 120 s per attempt), as a user's would, because an
 * outage of the kernel's own dependencies must not spend the agent's retry policy. The one
 * exception is the model-endpoint test, which is about that policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyOutageSystemIT {

  private static final Duration S3_OUTAGE = Duration.ofSeconds(30);
  private static final Duration POSTGRES_OUTAGE = Duration.ofSeconds(60);
  private static final Duration TEMPORAL_OUTAGE = Duration.ofSeconds(15);

  private SystemStack system;

  @BeforeAll
  void start() {
    system = SystemStack.start("outages");
  }

  @AfterAll
  void stop() {
    system.close();
  }

  @Test
  void runsFinishAfterTheObjectStoreIsKilledForThirtySeconds() throws Exception {
    system.model.latency(Duration.ofMillis(1000)).toolRounds(3);
    E2ETenant api = E2ETenant.newTenant(system.stack);
    api.createAgentWithDefaults("s3-outage", system.model.baseUrl());
    List<String> runIds = FaultCases.startRuns(api, "s3-outage", 8);
    Thread.sleep(1500);

    Instant kill = Instant.now();
    system.minio.kill();
    Thread.sleep(S3_OUTAGE.toMillis() / 2);
    assertThat(api.run(runIds.get(0)).getStatus().getValue())
        .as("the API keeps answering while S3 is down")
        .isIn("queued", "running");
    Thread.sleep(S3_OUTAGE.toMillis() / 2);
    // Every step reads or writes S3, so no run can have finished while it was down: each one
    // was held by the outage and must now finish through the kernel's retries.
    assertThat(runIds)
        .as("runs finished while S3 was down")
        .noneMatch(id -> "succeeded".equals(api.run(id).getStatus().getValue()));
    Instant back = Instant.now();
    system.minio.restart();

    for (String runId : runIds) {
      RunChecks.succeededExactlyOnce(api, runId, 4, 3);
      List<RunEventResponse> events = api.events(runId);
      assertThat(events)
          .as("run %s: the outage recorded as the kernel's, not the model's", runId)
          .anyMatch(
              e ->
                  "kernel.dependency.unavailable".equals(e.getType().getValue())
                      && "object-store".equals(e.getPayload().path("dependency").asText()))
          .noneMatch(e -> "model.call.failed".equals(e.getType().getValue()));
    }
    RecoveryTimes.print(
        "S3 kill -9, 30 s", "all runs ended after the restart", lastEnded(api, runIds, back));
    RecoveryTimes.print(
        "S3 kill -9, 30 s", "all runs ended after the kill", lastEnded(api, runIds, kill));
  }

  /**
   * About the agent's retry policy, so it keeps an explicit one: model errors (here 30 s of 503)
   * are the model's, spent from {@code retry.maxAttempts}; 100 attempts 200 ms–1 s apart carry the
   * runs through. With the defaults (5 attempts, about 15 s of backoff) these runs would fail,
   * which is what that policy asks for.
   */
  @Test
  void runsFinishAfterTheModelEndpointFailsForThirtySeconds() throws Exception {
    system.model.latency(Duration.ZERO).toolRounds(1).failNext(Integer.MAX_VALUE, 503);
    E2ETenant api = E2ETenant.newTenant(system.stack);
    api.createAgentOnOpenAi("model-outage", system.model.baseUrl(), 5, 100);
    List<String> runIds = FaultCases.startRuns(api, "model-outage", 5);

    Thread.sleep(S3_OUTAGE.toMillis());
    system.model.failNext(0, 503);

    for (String runId : runIds) {
      RunChecks.succeededExactlyOnce(api, runId, 2, 1);
      assertThat(api.eventTypes(runId))
          .as("failed attempts recorded for run %s", runId)
          .contains("model.call.failed");
    }
    RunChecks.noCompletedModelStepCalledAgain(api, runIds, system.model);
  }

  @Test
  void postgresKilledForSixtySecondsLosesNoAdmittedRunAndTheApiAnswers503() throws Exception {
    FaultCases.postgresKilled(system, POSTGRES_OUTAGE, 5);
  }

  @Test
  void runsInFlightAndRunsAdmittedWhileTemporalIsKilledFinishExactlyOnce() throws Exception {
    FaultCases.temporalKilled(system, TEMPORAL_OUTAGE, 5, 3);
  }

  private static Duration lastEnded(E2ETenant api, List<String> runIds, Instant from) {
    return RecoveryTimes.lastRunEnded(api, runIds, from);
  }
}
