package dev.agentruntime.api.agent.alias;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AliasResourceTest {

  /** A tenant's agent with versions 1, 2 and 3; answers its id. */
  private static String agentWithThreeVersions(String tenant, String name) {
    String agentId = TestApi.newAgent(tenant, name);
    for (int i = 1; i <= 3; i++) {
      TestApi.publish(tenant, agentId, "Instructions " + i);
    }
    return agentId;
  }

  private static Response putAlias(String tenant, String agentId, String name, Object body) {
    return as(tenantToken(tenant)).body(body).put("/v1/agents/" + agentId + "/aliases/" + name);
  }

  private static Response startRun(String tenant, Map<String, Object> body) {
    return as(tenantToken(tenant)).body(body).post("/v1/runs");
  }

  @Test
  void anAliasIsCreatedMovedAndRolledBackWithItsHistory() {
    String tenant = TestApi.newTenant();
    String agentId = agentWithThreeVersions(tenant, "triage");

    Response created = putAlias(tenant, agentId, "prod", Map.of("version", 1));
    created
        .then()
        .statusCode(201)
        .header("ETag", "\"1\"")
        .body("name", equalTo("prod"))
        .body("version", equalTo(1))
        .body("canary", nullValue())
        .body("revision", equalTo(1));
    putAlias(tenant, agentId, "prod", Map.of("version", 2))
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("version", equalTo(2));
    // The same target again: nothing to record.
    putAlias(tenant, agentId, "prod", Map.of("version", 2))
        .then()
        .statusCode(200)
        .body("revision", equalTo(2));
    // Rollback is moving it back.
    putAlias(tenant, agentId, "prod", Map.of("version", 1)).then().statusCode(200);

    as(tenantToken(tenant))
        .get("/v1/agents/" + agentId + "/aliases/prod/history")
        .then()
        .statusCode(200)
        .body("revision", contains(3, 2, 1))
        .body("action", contains("moved", "moved", "created"))
        .body("version", contains(1, 2, 1))
        .body("changedBy[0]", equalTo(tenant + "-admin"));
    as(tenantToken(tenant))
        .get("/v1/agents/" + agentId + "/aliases")
        .then()
        .statusCode(200)
        .body("name", contains("prod"))
        .body("version", contains(1));
  }

  @Test
  void aRunNamingTheAliasTakesItsVersionAndRecordsTheAlias() {
    String tenant = TestApi.newTenant();
    String agentId = agentWithThreeVersions(tenant, "writer");
    putAlias(tenant, agentId, "prod", Map.of("version", 2)).then().statusCode(201);

    String runId =
        startRun(tenant, Map.of("agentName", "writer", "alias", "prod", "input", Map.of()))
            .then()
            .statusCode(202)
            .body("agentVersion", equalTo(2))
            .body("alias", equalTo("prod"))
            .body("routingKey", nullValue())
            .extract()
            .path("id");
    putAlias(tenant, agentId, "prod", Map.of("version", 3)).then().statusCode(200);

    // The admitted run keeps the version it resolved to.
    as(tenantToken(tenant))
        .get("/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("agentVersion", equalTo(2))
        .body("alias", equalTo("prod"))
        .body("workflowId", containsString(":writer:v2:"));
    startRun(tenant, Map.of("agentId", agentId, "alias", "prod", "input", Map.of()))
        .then()
        .statusCode(202)
        .body("agentVersion", equalTo(3));
  }

  @Test
  void aRoutingKeyKeepsItsSideOfTheSplit() {
    String tenant = TestApi.newTenant();
    String agentId = agentWithThreeVersions(tenant, "sticky");
    putAlias(
            tenant,
            agentId,
            "prod",
            Map.of("version", 1, "canary", Map.of("version", 2, "weight", 50)))
        .then()
        .statusCode(201)
        .body("canary.version", equalTo(2))
        .body("canary.weight", equalTo(50));

    for (String key : new String[] {"alice", "bob", "carol"}) {
      Set<Integer> versions = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        versions.add(
            startRun(
                    tenant,
                    Map.of(
                        "agentName",
                        "sticky",
                        "alias",
                        "prod",
                        "routingKey",
                        key,
                        "input",
                        Map.of()))
                .then()
                .statusCode(202)
                .body("routingKey", equalTo(key))
                .extract()
                .path("agentVersion"));
      }
      assertThat(versions).as("versions taken by routing key %s", key).hasSize(1);
    }
  }

  @Test
  void aMoveWithAStaleETagChangesNothing() {
    String tenant = TestApi.newTenant();
    String agentId = agentWithThreeVersions(tenant, "guarded");
    putAlias(tenant, agentId, "prod", Map.of("version", 1)).then().statusCode(201);
    putAlias(tenant, agentId, "prod", Map.of("version", 2)).then().statusCode(200);

    as(tenantToken(tenant))
        .header("If-Match", "\"1\"")
        .body(Map.of("version", 3))
        .put("/v1/agents/" + agentId + "/aliases/prod")
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .body("type", containsString("precondition-failed"))
        .body("detail", containsString("revision 2"));
    as(tenantToken(tenant))
        .header("If-Match", "\"2\"")
        .body(Map.of("version", 3))
        .put("/v1/agents/" + agentId + "/aliases/prod")
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"");
    as(tenantToken(tenant))
        .header("If-Match", "\"2\"")
        .delete("/v1/agents/" + agentId + "/aliases/prod")
        .then()
        .statusCode(412);
    as(tenantToken(tenant))
        .get("/v1/agents/" + agentId + "/aliases/prod")
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("version", equalTo(3));
  }

  @Test
  void badTargetsAreRefusedAndWriteNothing() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = agentWithThreeVersions(tenant, "strict");

    putAlias(tenant, agentId, "prod", Map.of("version", 9))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("violations.field", contains("version"))
        .body("violations.message", contains("the agent has no version 9"));
    putAlias(
            tenant,
            agentId,
            "prod",
            Map.of("version", 1, "canary", Map.of("version", 7, "weight", 10)))
        .then()
        .statusCode(422)
        .body("violations.field", contains("canary.version"));
    putAlias(
            tenant,
            agentId,
            "prod",
            Map.of("version", 1, "canary", Map.of("version", 1, "weight", 10)))
        .then()
        .statusCode(400)
        .body("violations.field", contains("canary.version"));
    putAlias(
            tenant,
            agentId,
            "prod",
            Map.of("version", 1, "canary", Map.of("version", 2, "weight", 100)))
        .then()
        .statusCode(400);
    putAlias(tenant, agentId, "latest", Map.of("version", 1)).then().statusCode(400);
    putAlias(tenant, agentId, "Prod", Map.of("version", 1)).then().statusCode(400);
    assertThat(count("agent_alias", "tenant_id = ?", tenant)).isZero();
    assertThat(count("agent_alias_change", "tenant_id = ?", tenant)).isZero();
  }

  @Test
  void aRunNamingAnUnknownAliasOrBothVersionAndAliasIsRefused() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = agentWithThreeVersions(tenant, "picky");
    startRun(tenant, Map.of("agentName", "picky", "alias", "prod", "input", Map.of()))
        .then()
        .statusCode(404)
        .body("detail", containsString("Alias 'prod' of agent 'picky'"));
    putAlias(tenant, agentId, "prod", Map.of("version", 1)).then().statusCode(201);
    startRun(tenant, Map.of("agentName", "picky", "alias", "prod", "version", 1, "input", Map.of()))
        .then()
        .statusCode(400)
        .body("violations.field", contains("alias"));
    startRun(tenant, Map.of("agentName", "picky", "routingKey", "k", "input", Map.of()))
        .then()
        .statusCode(400)
        .body("violations.field", contains("routingKey"));
    as(tenantToken(tenant))
        .delete("/v1/agents/" + agentId + "/aliases/prod")
        .then()
        .statusCode(204);
    startRun(tenant, Map.of("agentName", "picky", "alias", "prod", "input", Map.of()))
        .then()
        .statusCode(404);
    as(tenantToken(tenant))
        .get("/v1/agents/" + agentId + "/aliases/prod/history")
        .then()
        .statusCode(200)
        .body("action", contains("deleted", "created"));
    assertThat(count("run", "tenant_id = ?", tenant)).isZero();
  }

  @Test
  void anotherTenantsAgentAndAliasesAreNotFound() throws Exception {
    String owner = TestApi.newTenant();
    String agentId = agentWithThreeVersions(owner, "private");
    putAlias(owner, agentId, "prod", Map.of("version", 1)).then().statusCode(201);
    String other = TestApi.newTenant();
    TestApi.agentWithVersion(other, "private");

    putAlias(other, agentId, "prod", Map.of("version", 1)).then().statusCode(404);
    as(tenantToken(other)).get("/v1/agents/" + agentId + "/aliases").then().statusCode(404);
    as(tenantToken(other)).get("/v1/agents/" + agentId + "/aliases/prod").then().statusCode(404);
    as(tenantToken(other))
        .get("/v1/agents/" + agentId + "/aliases/prod/history")
        .then()
        .statusCode(404);
    as(tenantToken(other)).delete("/v1/agents/" + agentId + "/aliases/prod").then().statusCode(404);
    // The other tenant's agent of the same name has no alias of that name.
    startRun(other, Map.of("agentName", "private", "alias", "prod", "input", Map.of()))
        .then()
        .statusCode(404);
    assertThat(count("agent_alias_change", "tenant_id = ?", other)).isZero();
    assertThat(count("agent_alias", "agent_id = ? and revision = 1", UUID.fromString(agentId)))
        .isEqualTo(1);
  }

  @Test
  void aViewerReadsAliasesButCannotMoveThem() {
    String tenant = TestApi.newTenant();
    String agentId = agentWithThreeVersions(tenant, "watched");
    putAlias(tenant, agentId, "prod", Map.of("version", 1)).then().statusCode(201);
    String viewer = TestApi.tokenWithRoles(tenant, "viewer");
    as(viewer).get("/v1/agents/" + agentId + "/aliases/prod").then().statusCode(200);
    as(viewer)
        .body(Map.of("version", 2))
        .put("/v1/agents/" + agentId + "/aliases/prod")
        .then()
        .statusCode(403);
    as(viewer).delete("/v1/agents/" + agentId + "/aliases/prod").then().statusCode(403);
  }
}
