package dev.agentruntime.api.run.fork;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/runs/{runId}/fork} against real PostgreSQL and Temporal (no worker: what a fork
 * reuses is the worker's tests' business, ForkWorkflowTest): a fork of a finished run is admitted
 * with its source and fork point, and every refusal is a problem that wrote nothing.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunForkResourceTest {

  private record Source(String tenant, String agentId, String id) {}

  /** A run of a new tenant's agent that ended after {@code steps} steps. */
  private static Source finishedRun(int steps) throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(tenant, "triage");
    String id =
        as(runner(tenant))
            .body(
                Map.of(
                    "agentName", "triage", "input", Map.of("ticket", "printer", "priority", "low")))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    TestApi.execute(
        "update run set status = 'succeeded', steps = ?, finished_at = now() where id = ?",
        steps,
        UUID.fromString(id));
    return new Source(tenant, agentId, id);
  }

  private static String runner(String tenant) {
    return tokenWithRoles(tenant, "runner");
  }

  private static Response fork(Source source, Object body) {
    return as(runner(source.tenant())).body(body).post("/v1/runs/" + source.id() + "/fork");
  }

  @Test
  void aForkOfAFinishedRunIsAcceptedWithItsSourceItsForkPointAndThePatchedInput() throws Exception {
    Source source = finishedRun(5);

    Response answer =
        fork(
            source,
            Map.of("fromStep", 3, "inputPatch", Map.of("priority", "high", "ticket", "scanner")));

    answer
        .then()
        .statusCode(202)
        .header("Location", endsWith("/v1/runs/" + answer.path("id")))
        .body("origin", equalTo("fork"))
        .body("agentVersion", equalTo(1))
        .body("status", equalTo("queued"))
        .body("input.priority", equalTo("high"))
        .body("input.ticket", equalTo("scanner"));
    try (Connection c = TestApi.db();
        PreparedStatement ps =
            c.prepareStatement(
                "select source_run_id::text, source_kind, fork_step from run where id = ?")) {
      ps.setObject(1, UUID.fromString(answer.path("id")));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(source.id());
        assertThat(rs.getString(2)).isEqualTo("fork");
        assertThat(rs.getInt(3)).isEqualTo(3);
      }
    }
    as(runner(source.tenant()))
        .get("/v1/runs/" + answer.path("id") + "/events")
        .then()
        .statusCode(200)
        .body("[0].type", equalTo("run.queued"))
        .body("[0].payload.forkStep", equalTo(3))
        .body("[0].payload.sourceRunId", equalTo(source.id()));
  }

  @Test
  void anIdempotencyKeyAnswersTheFirstForkAndRefusesAnotherBody() throws Exception {
    Source source = finishedRun(4);
    String key = "fork-" + UUID.randomUUID();
    String first =
        as(runner(source.tenant()))
            .header("Idempotency-Key", key)
            .body(Map.of("fromStep", 2))
            .post("/v1/runs/" + source.id() + "/fork")
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    as(runner(source.tenant()))
        .header("Idempotency-Key", key)
        .body(Map.of("fromStep", 2))
        .post("/v1/runs/" + source.id() + "/fork")
        .then()
        .statusCode(202)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(first));
    WrittenRows rows = WrittenRows.snapshot();
    as(runner(source.tenant()))
        .header("Idempotency-Key", key)
        .body(Map.of("fromStep", 3))
        .post("/v1/runs/" + source.id() + "/fork")
        .then()
        .statusCode(422)
        .body("type", containsString("idempotency-key-reused"));
    rows.assertNothingWritten();
  }

  @Test
  void aForkMayRunAnotherVersionOfTheAgentAndAVersionItDoesNotHaveIs404() throws Exception {
    Source source = finishedRun(3);
    TestApi.publish(source.tenant(), source.agentId(), "Be more careful.");

    fork(source, Map.of("fromStep", 3, "version", 2))
        .then()
        .statusCode(202)
        .body("agentVersion", equalTo(2));

    WrittenRows rows = WrittenRows.snapshot();
    fork(source, Map.of("fromStep", 3, "version", 9))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("Version 9 of agent 'triage'"));
    fork(source, Map.of("fromStep", 3, "alias", "prod"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    rows.assertNothingWritten();
  }

  @Test
  void aForkNamingAnAliasRunsTheVersionTheAliasResolvesTo() throws Exception {
    Source source = finishedRun(3);
    TestApi.publish(source.tenant(), source.agentId(), "Be more careful.");
    // Written as the alias endpoints do; the fork resolves it in the statement that admits it.
    TestApi.execute(
        "insert into agent_alias (tenant_id, agent_id, name, version, updated_by)"
            + " values (?, ?, 'prod', 2, 'test')",
        source.tenant(),
        UUID.fromString(source.agentId()));

    String fork =
        fork(source, Map.of("fromStep", 2, "alias", "prod", "routingKey", "customer-7"))
            .then()
            .statusCode(202)
            .body("agentVersion", equalTo(2))
            .extract()
            .path("id");

    assertThat(
            TestApi.count(
                "run", "id = ? and alias_name = 'prod' and fork_step = 2", UUID.fromString(fork)))
        .isEqualTo(1);
    fork(source, Map.of("fromStep", 2, "routingKey", "customer-7"))
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("routingKey"));
  }

  @Test
  void aFromStepTheSourceDidNotRecordIs422NamingTheFieldWithNothingWritten() throws Exception {
    Source source = finishedRun(5);
    WrittenRows rows = WrittenRows.snapshot();

    for (int fromStep : new int[] {0, -1, 6}) {
      fork(source, Map.of("fromStep", fromStep))
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("type", containsString("fork-step-out-of-range"))
          .body("detail", containsString("between 1 and 5"))
          .body("violations.field", hasItem("fromStep"));
    }
    fork(source, Map.of("fromStep", 2, "inputPatch", "not an object"))
        .then()
        .statusCode(422)
        .body("type", containsString("fork-input-invalid"))
        .body("violations.field", hasItem("inputPatch"));
    fork(source, Map.of("fromStep", 2, "version", 1, "alias", "prod"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", containsString("fork-fields-conflict"))
        .body("violations.field", hasItem("alias"));
    fork(source, Map.of("version", 1))
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    rows.assertNothingWritten();
  }

  @Test
  void aSourceThatHasNotEndedOrIsPurgedIs409WithNothingWritten() throws Exception {
    Source running = finishedRun(2);
    TestApi.execute(
        "update run set status = 'running', finished_at = null where id = ?",
        UUID.fromString(running.id()));
    Source purged = finishedRun(2);
    TestApi.execute(
        "update run set purge_started_at = now() where id = ?", UUID.fromString(purged.id()));
    WrittenRows rows = WrittenRows.snapshot();

    fork(running, Map.of("fromStep", 1))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", containsString("fork-source-not-finished"))
        .body("detail", containsString("its status is running"));
    fork(purged, Map.of("fromStep", 1))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", containsString("fork-source-purged"));
    rows.assertNothingWritten();
  }

  @Test
  void anotherTenantsRunIs404AsIfItDidNotExist() throws Exception {
    Source source = finishedRun(3);
    String other = TestApi.newTenant();
    TestApi.agentWithVersion(other, "triage");
    WrittenRows rows = WrittenRows.snapshot();

    Response stranger =
        as(runner(other)).body(Map.of("fromStep", 1)).post("/v1/runs/" + source.id() + "/fork");
    Response nobody =
        as(runner(other))
            .body(Map.of("fromStep", 1))
            .post("/v1/runs/" + UUID.randomUUID() + "/fork");

    stranger.then().statusCode(404).contentType("application/problem+json");
    nobody.then().statusCode(404);
    assertThat(stranger.path("title").toString()).isEqualTo(nobody.path("title").toString());
    assertThat(stranger.asString()).doesNotContain(source.tenant());
    rows.assertNothingWritten();
  }

  @Test
  void aViewerMayNotFork() throws Exception {
    Source source = finishedRun(3);
    as(tokenWithRoles(source.tenant(), "viewer"))
        .body(Map.of("fromStep", 1))
        .post("/v1/runs/" + source.id() + "/fork")
        .then()
        .statusCode(403)
        .body("type", not(containsString("fork")));
  }
}
