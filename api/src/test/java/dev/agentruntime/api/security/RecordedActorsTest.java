package dev.agentruntime.api.security;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.spec;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every write records who asked: the subject of the token, as {@code createdBy} of tenants, agents,
 * versions and runs. A subject that cannot be recorded is refused before anything is written.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RecordedActorsTest {

  private static String token(String subject, String tenant, String... roles) {
    return TestApi.tokens().mint(subject, tenant, Set.of(roles), Duration.ofMinutes(5));
  }

  @Test
  void tenantsAgentsVersionsAndRunsNameTheSubjectThatCreatedThem() throws Exception {
    String tenant = "t" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String operator = token("ops-alice", null, "platform-admin");
    as(operator)
        .body(Map.of("id", tenant, "displayName", "Recorded"))
        .post("/v1/tenants")
        .then()
        .statusCode(201)
        .body("createdBy", equalTo("ops-alice"));
    as(operator).get("/v1/tenants/" + tenant).then().body("createdBy", equalTo("ops-alice"));

    String agentId =
        as(token("bob@example.com", tenant, "agent-admin"))
            .body(Map.of("name", "recorded"))
            .post("/v1/agents")
            .then()
            .statusCode(201)
            .body("createdBy", equalTo("bob@example.com"))
            .extract()
            .path("id");
    as(token("carol", tenant, "agent-admin"))
        .body(Map.of("spec", spec("First.")))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(201)
        .body("createdBy", equalTo("carol"));
    // An unchanged spec publishes nothing, so the version keeps its author.
    as(token("dave", tenant, "agent-admin"))
        .body(Map.of("spec", spec("First.")))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(200)
        .body("createdBy", equalTo("carol"));

    String starter = token("erin", tenant, "runner");
    String runId =
        as(starter)
            .header("Idempotency-Key", "recorded-run")
            .body(Map.of("agentId", agentId, "input", Map.of()))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .body("createdBy", equalTo("erin"))
            .body("origin", equalTo("api"))
            .extract()
            .path("id");
    // A replay by someone else answers the run as it was started, by its starter.
    as(token("frank", tenant, "runner"))
        .header("Idempotency-Key", "recorded-run")
        .body(Map.of("agentId", agentId, "input", Map.of()))
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .body("id", equalTo(runId))
        .body("createdBy", equalTo("erin"));

    String viewer = token("grace", tenant, "viewer");
    as(viewer).get("/v1/agents/" + agentId).then().body("createdBy", equalTo("bob@example.com"));
    as(viewer).get("/v1/agents").then().body("createdBy", hasItem("bob@example.com"));
    as(viewer)
        .get("/v1/agents/" + agentId + "/versions/1")
        .then()
        .body("createdBy", equalTo("carol"));
    as(viewer)
        .get("/v1/agents/" + agentId + "/versions")
        .then()
        .body("createdBy", equalTo(List.of("carol")));
    as(viewer)
        .get("/v1/runs/" + runId)
        .then()
        .body("createdBy", equalTo("erin"))
        .body("origin", equalTo("api"));
    as(viewer).get("/v1/runs").then().body("items[0].createdBy", equalTo("erin"));

    // Recording authors opened no way into another tenant.
    String stranger = tenantToken(TestApi.newTenant());
    for (String path :
        List.of(
            "/v1/agents/" + agentId,
            "/v1/agents/" + agentId + "/versions/1",
            "/v1/runs/" + runId)) {
      as(stranger).get(path).then().statusCode(404);
    }
  }

  @Test
  void aSubjectThatCannotBeRecordedIsRefusedAndNothingIsWritten() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(tenant, "guarded");
    String runId = TestApi.startRun(tenant, agentId);
    WrittenRows before = WrittenRows.snapshot();
    for (String subject : List.of("s".repeat(256), "a\u0000b")) {
      String operator = token(subject, null, "platform-admin");
      String member = token(subject, tenant, "agent-admin", "runner", "viewer");
      as(operator)
          .body(Map.of("id", "never-" + subject.length(), "displayName", "Never"))
          .post("/v1/tenants")
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("type", equalTo("https://agent-runtime.dev/problems/forbidden"));
      as(member).body(Map.of("name", "never")).post("/v1/agents").then().statusCode(403);
      as(member)
          .body(Map.of("spec", spec("Never.")))
          .post("/v1/agents/" + agentId + "/versions")
          .then()
          .statusCode(403);
      as(member)
          .body(Map.of("agentId", agentId, "input", Map.of()))
          .post("/v1/runs")
          .then()
          .statusCode(403);
      as(member).post("/v1/runs/" + runId + "/cancel").then().statusCode(403);
      as(member).body(Map.of("value", "v")).put("/v1/secrets/NEVER").then().statusCode(403);
      // Reading records nothing, so it is not refused.
      as(member).get("/v1/agents/" + agentId).then().statusCode(200);
    }
    before.assertNothingWritten();
    as(tenantToken(tenant)).get("/v1/runs/" + runId).then().body("status", equalTo("queued"));

    // The longest subject there is, for comparison.
    as(token("s".repeat(255), tenant, "agent-admin"))
        .body(Map.of("name", "longest"))
        .post("/v1/agents")
        .then()
        .statusCode(201)
        .body("createdBy", equalTo("s".repeat(255)));
  }

  @Test
  void theDatabaseRefusesAnAuthorlessOrUnrecordableRow() throws Exception {
    assertRefused("insert into tenant (id, display_name) values ('nobody-1', 'x')");
    assertRefused("insert into tenant (id, display_name, created_by) values ('nobody-2', 'x', '')");
    assertRefused(
        "insert into tenant (id, display_name, created_by) values ('nobody-3', 'x', repeat('s',"
            + " 256))");
    assertThat(TestApi.count("tenant", "id like 'nobody-%'")).isZero();
  }

  private static void assertRefused(String sql) {
    assertThatThrownBy(
            () -> {
              try (Connection c = TestApi.db();
                  PreparedStatement s = c.prepareStatement(sql)) {
                s.executeUpdate();
              }
            })
        .as(sql)
        .isInstanceOf(SQLException.class);
  }
}
