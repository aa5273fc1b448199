package dev.agentruntime.api.run.replay;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.TestRunHistory;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/runs/{runId}/replay} on real PostgreSQL: the source's input admitted again
 * through the one admission path, on another version, linked to its source.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunReplayTest {

  private static final Map<String, Object> INPUT =
      Map.of(
          "ticket",
          "The printer on floor 3 is jammed",
          "priority",
          2,
          "tags",
          java.util.List.of("hw"));

  private String tenant;
  private String agentId;
  private String source;

  /** An agent with versions 1 and 2, and a run of version 1. */
  @BeforeEach
  void sourceRun() {
    tenant = TestApi.newTenant();
    agentId = TestApi.agentWithVersion(tenant, "triage");
    TestApi.publish(tenant, agentId, "Be terse.");
    source =
        as(tenantToken(tenant))
            .body(Map.of("agentId", agentId, "version", 1, "input", INPUT))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
  }

  @Test
  void aReplayRunsTheSourcesInputOnTheVersionAskedForAndNamesItsSource() throws Exception {
    Response answer =
        as(tokenWithRoles(tenant, "runner"))
            .body(Map.of("version", 2))
            .post("/v1/runs/" + source + "/replay");
    String replay =
        answer
            .then()
            .statusCode(202)
            .header("Location", endsWith("/v1/runs/" + answer.path("id")))
            .body("agentId", equalTo(agentId))
            .body("agentVersion", equalTo(2))
            .body("status", equalTo("queued"))
            .body("origin", equalTo("api"))
            .body("input", equalTo(INPUT))
            .body("source.runId", equalTo(source))
            .body("source.kind", equalTo("replay"))
            .body("source.forkStep", nullValue())
            .extract()
            .path("id");
    as(tenantToken(tenant))
        .get("/v1/runs/" + replay)
        .then()
        .statusCode(200)
        .body("input", equalTo(INPUT))
        .body("agentVersion", equalTo(2))
        .body("source.runId", equalTo(source))
        .body("source.kind", equalTo("replay"));
    as(tenantToken(tenant))
        .get("/v1/runs/" + source)
        .then()
        .statusCode(200)
        .body("source", nullValue());
    // The run.queued event records the lineage as admit_run wrote it.
    as(tenantToken(tenant))
        .get("/v1/runs/" + replay + "/events")
        .then()
        .statusCode(200)
        .body("[0].type", equalTo("run.queued"))
        .body("[0].payload.sourceRunId", equalTo(source))
        .body("[0].payload.sourceKind", equalTo("replay"));
    assertThat(
            count(
                "run",
                "tenant_id = ? and source_run_id = ?::uuid and source_kind = 'replay'",
                tenant,
                source))
        .isEqualTo(1);
  }

  @Test
  void aReplayWithoutAVersionTakesTheLatestAndAFinishedSourceReplaysAsWell() throws Exception {
    TestRunHistory.finished(
        source, "succeeded", 1, 10, Instant.now().minusSeconds(5), Instant.now());
    as(tenantToken(tenant))
        .body(Map.of())
        .post("/v1/runs/" + source + "/replay")
        .then()
        .statusCode(202)
        .body("agentVersion", equalTo(2))
        .body("input", equalTo(INPUT));
  }

  @Test
  void aReplayOnAnAliasRecordsTheAliasAndTheVersionItResolvedTo() {
    as(tenantToken(tenant))
        .body(Map.of("version", 2))
        .put("/v1/agents/" + agentId + "/aliases/prod")
        .then()
        .statusCode(201);
    String replay =
        as(tenantToken(tenant))
            .body(Map.of("alias", "prod", "routingKey", "user-42"))
            .post("/v1/runs/" + source + "/replay")
            .then()
            .statusCode(202)
            .body("agentVersion", equalTo(2))
            .body("alias", equalTo("prod"))
            .body("routingKey", equalTo("user-42"))
            .body("input", equalTo(INPUT))
            .body("source.runId", equalTo(source))
            .body("source.kind", equalTo("replay"))
            .extract()
            .path("id");
    as(tenantToken(tenant))
        .get("/v1/runs/" + replay)
        .then()
        .statusCode(200)
        .body("alias", equalTo("prod"))
        .body("agentVersion", equalTo(2))
        .body("source.kind", equalTo("replay"));
    // Moving the alias later does not move the replay: it is pinned to what it resolved to.
    as(tenantToken(tenant))
        .body(Map.of("version", 1))
        .put("/v1/agents/" + agentId + "/aliases/prod")
        .then()
        .statusCode(200);
    as(tenantToken(tenant))
        .get("/v1/runs/" + replay)
        .then()
        .statusCode(200)
        .body("agentVersion", equalTo(2));
  }

  @Test
  void aRepeatedKeyAnswersTheFirstReplayAndAnotherBodyUnderItIsRefused() {
    String first =
        as(tenantToken(tenant))
            .header("Idempotency-Key", "replay-" + source)
            .body(Map.of("version", 2))
            .post("/v1/runs/" + source + "/replay")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    as(tenantToken(tenant))
        .header("Idempotency-Key", "replay-" + source)
        .body(Map.of("version", 2))
        .post("/v1/runs/" + source + "/replay")
        .then()
        .statusCode(202)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(first))
        .body("source.runId", equalTo(source));
    as(tenantToken(tenant))
        .header("Idempotency-Key", "replay-" + source)
        .body(Map.of("version", 1))
        .post("/v1/runs/" + source + "/replay")
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
    // A key that started a run is not a replay's: the requests differ.
    as(tenantToken(tenant))
        .header("Idempotency-Key", "start-" + source)
        .body(Map.of("agentId", agentId, "version", 2, "input", INPUT))
        .post("/v1/runs")
        .then()
        .statusCode(202);
    as(tenantToken(tenant))
        .header("Idempotency-Key", "start-" + source)
        .body(Map.of("version", 2))
        .post("/v1/runs/" + source + "/replay")
        .then()
        .statusCode(422);
  }

  @Test
  void runsAreListedByTheirSource() {
    String replay =
        as(tenantToken(tenant))
            .body(Map.of("version", 2))
            .post("/v1/runs/" + source + "/replay")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    as(tenantToken(tenant))
        .get("/v1/runs?sourceRunId=" + source)
        .then()
        .statusCode(200)
        .body("items.id", org.hamcrest.Matchers.contains(replay))
        .body("items[0].source.kind", equalTo("replay"));
    as(tenantToken(tenant))
        .get("/v1/runs?sourceRunId=" + replay)
        .then()
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.empty());
    as(tenantToken(TestApi.newTenant()))
        .get("/v1/runs?sourceRunId=" + source)
        .then()
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.empty());
  }
}
