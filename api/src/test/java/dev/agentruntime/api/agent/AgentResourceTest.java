package dev.agentruntime.api.agent;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.spec;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AgentResourceTest {

  @Test
  void createsReadsAndListsAgents() {
    String tenant = TestApi.newTenant();
    String id =
        as(tenantToken(tenant))
            .body(Map.of("name", "summarizer", "description", "Summarizes"))
            .post("/v1/agents")
            .then()
            .statusCode(201)
            .body("name", equalTo("summarizer"))
            .body("description", equalTo("Summarizes"))
            .extract()
            .path("id");
    TestApi.newAgent(tenant, "translator");

    as(tenantToken(tenant))
        .get("/v1/agents/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("summarizer"));
    as(tenantToken(tenant))
        .get("/v1/agents")
        .then()
        .statusCode(200)
        .body("name", contains("summarizer", "translator"));
  }

  @Test
  void aDuplicateNameIsAConflict() throws Exception {
    String tenant = TestApi.newTenant();
    String existing = TestApi.newAgent(tenant, "dup");
    as(tenantToken(tenant))
        .body(Map.of("name", "dup"))
        .post("/v1/agents")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        // The existing agent is named, so a rerun of a setup script can go on with it.
        .header("Location", "/v1/agents/" + existing)
        .body("detail", org.hamcrest.Matchers.containsString(existing));
    // Another tenant's agent of the same name is not revealed: it creates its own.
    as(tenantToken(TestApi.newTenant()))
        .body(Map.of("name", "dup"))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    assertThat(count("agent", "tenant_id = ?", tenant)).isEqualTo(1);
  }

  @Test
  void aViewerCannotCreateAgents() throws Exception {
    String tenant = TestApi.newTenant();
    as(TestApi.tokenWithRoles(tenant, "viewer"))
        .body(Map.of("name", "nope"))
        .post("/v1/agents")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(TestApi.tokenWithRoles(tenant, "viewer")).get("/v1/agents").then().statusCode(200);
    assertThat(count("agent", "tenant_id = ?", tenant)).isZero();
  }

  @Test
  void versionNumbersIncreaseWithEachPublishedSpec() {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "writer");

    Response first =
        as(tenantToken(tenant))
            .body(Map.of("spec", spec("First.")))
            .post("/v1/agents/" + agentId + "/versions");
    first
        .then()
        .statusCode(201)
        .body("version", equalTo(1))
        .body("agentId", equalTo(agentId))
        .body("contentHash", matchesPattern("[0-9a-f]{64}"))
        .body("spec.instructions", equalTo("First."));
    assertThat(TestApi.publish(tenant, agentId, "Second.")).isEqualTo(2);

    as(tenantToken(tenant))
        .get("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(200)
        .body("version", contains(1, 2));
    as(tenantToken(tenant))
        .get("/v1/agents/" + agentId + "/versions/2")
        .then()
        .statusCode(200)
        .body("spec.instructions", equalTo("Second."));
  }

  @Test
  void republishingTheLatestSpecReturnsThatVersion() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "stable");
    String firstId =
        as(tenantToken(tenant))
            .body(Map.of("spec", spec("Same.")))
            .post("/v1/agents/" + agentId + "/versions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    // Same spec, keys in another order: the content hash ignores key order.
    Map<String, Object> reordered = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
    reordered.putAll(spec("Same."));
    as(tenantToken(tenant))
        .body(Map.of("spec", reordered))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(200)
        .body("id", equalTo(firstId))
        .body("version", equalTo(1));
    assertThat(count("agent_version", "tenant_id = ?", tenant)).isEqualTo(1);
  }

  @Test
  void concurrentPublishesGetDistinctConsecutiveVersions() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "busy");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> versions = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String instructions = "Spec " + i;
        versions.add(pool.submit(() -> TestApi.publish(tenant, agentId, instructions)));
      }
      List<Integer> numbers = new ArrayList<>();
      for (Future<Integer> v : versions) {
        numbers.add(v.get());
      }
      assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void versionRowsCannotBeUpdatedOrDeleted() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(tenant, "frozen");
    UUID agent = UUID.fromString(agentId);
    try (Connection c = TestApi.db();
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () ->
                  s.executeUpdate(
                      "update agent_version set spec = '{}'::jsonb where agent_id = '"
                          + agent
                          + "'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("immutable");
      assertThatThrownBy(
              () -> s.executeUpdate("delete from agent_version where agent_id = '" + agent + "'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("immutable");
    }
    assertThat(count("agent_version", "agent_id = ?", agent)).isEqualTo(1);
  }

  @Test
  void anInvalidSpecIsRefusedWithItsViolationsAndNothingIsWritten() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "broken");
    Map<String, Object> invalid = new HashMap<>(spec("x"));
    invalid.remove("model");
    invalid.put("limits", Map.of("maxSteps", 0));
    as(tenantToken(tenant))
        .body(Map.of("spec", invalid))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("status", equalTo(422))
        .body("violations.field", hasItems("model", "limits.maxSteps"));
    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(agentId))).isZero();
  }

  @Test
  void anUnknownSpecFieldIsReportedAsAViolation() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "typo");
    Map<String, Object> invalid = new HashMap<>(spec("x"));
    invalid.put("model", Map.of("provider", "demo", "temprature", 0.5));
    as(tenantToken(tenant))
        .body(Map.of("spec", invalid))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("model.temprature"));
    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(agentId))).isZero();
  }

  @Test
  void anHttpAgentIsPublishedWithoutContactingItsEndpoint() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "external");
    // Nothing listens on port 9 of this machine: publishing must not care.
    Map<String, Object> http =
        Map.of(
            "runtime",
            Map.of("type", "http", "endpoint", "http://127.0.0.1:9/", "apiKeyRef", "env:TOKEN"),
            "tools",
            List.of(Map.of("name", "save_note", "kind", "write_artifact")));
    as(tenantToken(tenant))
        .body(Map.of("spec", http))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(201)
        .body("spec.runtime.type", equalTo("http"))
        .body("spec.runtime.endpoint", equalTo("http://127.0.0.1:9/"));
  }

  @Test
  void anHttpAgentWithAModelOrABadEndpointIsRefused() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "external-broken");
    Map<String, Object> invalid =
        Map.of(
            "runtime",
            Map.of("type", "http", "endpoint", "ftp://agent", "apiKeyRef", "raw-token"),
            "model",
            Map.of("provider", "demo"));
    as(tenantToken(tenant))
        .body(Map.of("spec", invalid))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(422)
        .body("violations.field", hasItems("runtime.endpoint", "runtime.apiKeyRef", "model"));
    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(agentId))).isZero();
  }

  @Test
  void anMcpEntryWhoseUrlItsEgressRulesDoNotAllowIsRefused() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "mcp-broken");
    Map<String, Object> invalid = new HashMap<>(spec("x"));
    Map<String, Object> server = new HashMap<>();
    server.put("name", "everything");
    server.put("kind", "mcp");
    server.put("url", "https://user@mcp.example.com/mcp");
    server.put("authRef", "Bearer abc");
    server.put("allowedTools", List.of("echo", "echo"));
    server.put("egressAllowlist", List.of("other.example.com"));
    invalid.put("tools", List.of(server));
    as(tenantToken(tenant))
        .body(Map.of("spec", invalid))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body(
            "violations.field",
            hasItems("tools[0].url", "tools[0].authRef", "tools[0].allowedTools[1]"));
    server.put("url", "https://mcp.example.com/mcp");
    as(tenantToken(tenant))
        .body(Map.of("spec", invalid))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("tools[0].egressAllowlist"));
    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(agentId))).isZero();
  }
}
