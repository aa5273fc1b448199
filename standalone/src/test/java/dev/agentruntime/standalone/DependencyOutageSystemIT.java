package dev.agentruntime.standalone;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.embedded.LocalPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A dependency goes away during runs: activities retry, runs finish, the API answers clearly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyOutageSystemIT {

  private static final Duration OUTAGE = Duration.ofSeconds(30);

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
  void runsFinishAfterTheObjectStoreIsDownForThirtySeconds() throws Exception {
    system.model.latency(Duration.ofMillis(1000)).toolRounds(3);
    ApiClient api = ApiClient.newTenant(system.stack);
    api.createAgentOnOpenAi("s3-outage", system.model.baseUrl(), 5, 100);
    List<String> runIds = startRuns(api, "s3-outage", 8);
    Thread.sleep(1500);

    system.minio.kill();
    Thread.sleep(OUTAGE.toMillis() / 2);
    assertThat(api.run(runIds.get(0)).getString("status"))
        .as("the API keeps answering while S3 is down")
        .isIn("queued", "running");
    Thread.sleep(OUTAGE.toMillis() / 2);
    // Every step reads or writes S3, so no run can have finished while it was down: each one
    // was held by the outage and must now finish through retries.
    assertThat(runIds)
        .as("runs finished while S3 was down")
        .noneMatch(id -> "succeeded".equals(api.run(id).getString("status")));
    system.minio.restart();

    for (String runId : runIds) {
      RunChecks.succeededExactlyOnce(api, runId, 4, 3);
    }
  }

  @Test
  void runsFinishAfterTheModelEndpointFailsForThirtySeconds() throws Exception {
    system.model.latency(Duration.ZERO).toolRounds(1).failNext(Integer.MAX_VALUE, 503);
    ApiClient api = ApiClient.newTenant(system.stack);
    api.createAgentOnOpenAi("model-outage", system.model.baseUrl(), 5, 100);
    List<String> runIds = startRuns(api, "model-outage", 5);

    Thread.sleep(OUTAGE.toMillis());
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
  void apiAnswers503WithoutWritingWhilePostgresIsDownAndRunsFinishAfterwards() throws Exception {
    system.model.latency(Duration.ofMillis(1000)).toolRounds(1);
    ApiClient api = ApiClient.newTenant(system.stack);
    api.createAgentOnOpenAi("db-outage", system.model.baseUrl(), 5, 100);
    List<String> runIds = startRuns(api, "db-outage", 5);
    Thread.sleep(500);

    system.postgres.close();
    api.request()
        .get("/v1/runs")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "5");
    api.request()
        .header("Idempotency-Key", "during-outage")
        .body(Map.of("agentName", "db-outage", "input", Map.of("message", "lost?")))
        .post("/v1/runs")
        .then()
        .statusCode(503)
        .contentType("application/problem+json");
    given().baseUri(system.stack.apiUrl()).get("/q/health/live").then().statusCode(200);
    given().baseUri(system.stack.apiUrl()).get("/q/health/ready").then().statusCode(503);
    Thread.sleep(OUTAGE.toMillis() / 3);
    system.postgres = LocalPostgres.start(system.postgres.port(), system.postgresData());

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> api.request().get("/v1/runs").then().statusCode(200));
    for (String runId : runIds) {
      RunChecks.succeededExactlyOnce(api, runId, 2, 1);
    }
    assertThat(api.runIds()).as("the request refused during the outage wrote nothing").hasSize(5);
  }

  private static List<String> startRuns(ApiClient api, String agent, int count) {
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runIds.add(api.startRun(agent, agent + " run " + i));
    }
    return runIds;
  }
}
