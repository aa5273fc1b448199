package dev.agentruntime.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.api.RunsApi;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.embedded.LocalPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    List<String> runIds = startRuns(api, "s3-outage", 8);
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
    List<String> runIds = startRuns(api, "model-outage", 5);

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
    system.model.latency(Duration.ofMillis(1000)).toolRounds(2);
    E2ETenant api = E2ETenant.newTenant(system.stack);
    api.createAgentWithDefaults("db-outage", system.model.baseUrl());
    List<String> runIds = startRuns(api, "db-outage", 5);
    // Into the first model step of every run, so the crash hits model and tool steps alike.
    Thread.sleep(1500);

    Instant kill = Instant.now();
    system.postgres.kill();
    RunsApi runs = api.client().runs();
    assertUnavailable(
        E2ETenant.refusal(
            () -> runs.listRuns(null, null, null, null, null, null, null, null, null, null, null)));
    assertUnavailable(
        E2ETenant.refusal(
            () -> runs.startRun(E2ETenant.runRequest("db-outage", "lost?"), "during-outage")));
    given().baseUri(system.stack.apiUrl()).get("/q/health/live").then().statusCode(200);
    given().baseUri(system.stack.apiUrl()).get("/q/health/ready").then().statusCode(503);
    Thread.sleep(
        Math.max(0, Duration.between(Instant.now(), kill.plus(POSTGRES_OUTAGE)).toMillis()));
    Instant back = Instant.now();
    system.postgres = LocalPostgres.start(system.postgres.port(), system.postgresData());

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                api.client()
                    .runs()
                    .listRuns(null, null, null, null, null, null, null, null, null, null, null));
    // The runs admitted (202) before the crash are all there, and the refused one is not.
    assertThat(api.runIds()).containsExactlyInAnyOrderElementsOf(runIds);
    for (String runId : runIds) {
      RunChecks.succeededExactlyOnce(api, runId, 3, 2);
      // The model answered throughout: a failed model attempt could only be the database's.
      assertThat(api.eventTypes(runId))
          .as("run %s: the outage counted as the model's", runId)
          .doesNotContain("model.call.failed");
    }
    RunChecks.noCompletedModelStepCalledAgain(api, runIds, system.model);
    RecoveryTimes.print(
        "PostgreSQL kill -9, 60 s",
        "all runs ended after the restart",
        lastEnded(api, runIds, back));
  }

  @Test
  void runsInFlightAndRunsAdmittedWhileTemporalIsKilledFinishExactlyOnce() throws Exception {
    system.model.latency(Duration.ofMillis(1000)).toolRounds(1);
    E2ETenant api = E2ETenant.newTenant(system.stack);
    api.createAgentWithDefaults("temporal-outage", system.model.baseUrl());
    List<String> runIds = startRuns(api, "temporal-outage", 5);
    Thread.sleep(1500);

    Instant kill = Instant.now();
    system.temporal.kill();
    assertThat(api.run(runIds.get(0)).getStatus().getValue())
        .as("the API keeps answering reads while Temporal is down")
        .isIn("queued", "running");
    // Admission needs only PostgreSQL: a run is accepted while Temporal is down, and the
    // reconciler starts its workflow once Temporal is back.
    for (int i = 0; i < 3; i++) {
      long before = System.nanoTime();
      runIds.add(api.startRun("temporal-outage", "admitted while Temporal is down " + i));
      assertThat(Duration.ofNanos(System.nanoTime() - before))
          .as("time to answer 202 while Temporal is down")
          .isLessThan(Duration.ofSeconds(15));
    }
    Thread.sleep(
        Math.max(0, Duration.between(Instant.now(), kill.plus(TEMPORAL_OUTAGE)).toMillis()));
    Instant back = Instant.now();
    system.temporal.restart();

    for (String runId : runIds) {
      RunChecks.succeededExactlyOnce(api, runId, 2, 1);
    }
    assertThat(api.runIds()).as("no run lost or created twice").hasSize(8);
    RunChecks.noCompletedModelStepCalledAgain(api, runIds, system.model);
    RecoveryTimes.print(
        "Temporal kill -9, 15 s", "all runs ended after the restart", lastEnded(api, runIds, back));
  }

  private static Duration lastEnded(E2ETenant api, List<String> runIds, Instant from) {
    return RecoveryTimes.lastRunEnded(api, runIds, from);
  }

  private static List<String> startRuns(E2ETenant api, String agent, int count) {
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runIds.add(api.startRun(agent, agent + " run " + i));
    }
    return runIds;
  }

  /** A 503 problem+json that says when to retry. */
  private static void assertUnavailable(ApiException answer) {
    assertThat(answer.getCode()).isEqualTo(503);
    assertThat(answer.getResponseHeaders().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(answer.getResponseHeaders().firstValue("Retry-After")).hasValue("5");
  }
}
