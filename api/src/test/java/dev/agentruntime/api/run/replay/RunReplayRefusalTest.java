package dev.agentruntime.api.run.replay;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.TestRunHistory;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays refused on real PostgreSQL: bad bodies, unknown versions and aliases, another tenant's
 * run, a purged source; each a problem+json answer that wrote nothing.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunReplayRefusalTest {

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
  void badReplaysAreRefusedWithAProblemAndWriteNothing() throws Exception {
    long runs = count("run", "tenant_id = ?", tenant);
    String url = "/v1/runs/" + source + "/replay";
    as(tenantToken(tenant))
        .body(Map.of("version", 99))
        .post(url)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("Version 99 of agent 'triage'"));
    as(tenantToken(tenant))
        .body(Map.of("alias", "prod"))
        .post(url)
        .then()
        .statusCode(404)
        .body("detail", containsString("Alias 'prod' of agent 'triage'"));
    for (Object body :
        new Object[] {
          Map.of("version", 0),
          Map.of("version", "two"),
          Map.of("version", 2, "alias", "prod"),
          Map.of("routingKey", "user-1"),
          Map.of("alias", "Not An Alias"),
          Map.of("version", 2, "input", Map.of("other", true)),
        }) {
      as(tenantToken(tenant))
          .body(body)
          .post(url)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    as(tenantToken(tenant)).post(url).then().statusCode(400);
    as(tenantToken(tenant))
        .body(Map.of("version", 2))
        .post("/v1/runs/" + UUID.randomUUID() + "/replay")
        .then()
        .statusCode(404);
    as(tokenWithRoles(tenant, "viewer"))
        .body(Map.of("version", 2))
        .post(url)
        .then()
        .statusCode(403);
    assertThat(count("run", "tenant_id = ?", tenant)).isEqualTo(runs);
  }

  @Test
  void anotherTenantsRunIsNotFoundAndNothingIsWrittenInEitherTenant() throws Exception {
    String other = TestApi.newTenant();
    String sameName = TestApi.agentWithVersion(other, "triage");
    TestApi.publish(other, sameName, "Be terse.");
    as(tenantToken(other))
        .body(Map.of("version", 2))
        .post("/v1/runs/" + source + "/replay")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    assertThat(count("run", "tenant_id = ?", other)).isZero();
    assertThat(count("run", "source_run_id = ?::uuid", source)).isZero();
  }

  @Test
  void aPurgedSourceIsAConflictWritingNothing() throws Exception {
    TestRunHistory.finished(
        source, "succeeded", 1, 10, Instant.now().minusSeconds(5), Instant.now());
    TestRunHistory.purged(source);
    long runs = count("run", "tenant_id = ?", tenant);
    as(tenantToken(tenant))
        .body(Map.of("version", 2))
        .post("/v1/runs/" + source + "/replay")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", containsString("run-purged"))
        .body("detail", containsString("is purged"));
    assertThat(count("run", "tenant_id = ?", tenant)).isEqualTo(runs);
  }
}
