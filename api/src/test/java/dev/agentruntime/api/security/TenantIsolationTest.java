package dev.agentruntime.api.security;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.spec;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantIsolationTest {

  @Test
  void anotherTenantsIdsAnswerNotFound() throws Exception {
    String a = TestApi.newTenant();
    String b = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(a, "private");
    String runId = TestApi.startRun(a, agentId);
    String missingDetail =
        as(tenantToken(b))
            .get("/v1/agents/" + UUID.randomUUID())
            .then()
            .statusCode(404)
            .extract()
            .path("title");

    String tokenB = tenantToken(b);
    for (String path :
        new String[] {
          "/v1/agents/" + agentId,
          "/v1/agents/" + agentId + "/versions",
          "/v1/agents/" + agentId + "/versions/1",
          "/v1/runs/" + runId,
          "/v1/runs/" + runId + "/events",
          "/v1/runs/" + runId + "/artifacts",
          "/v1/runs/" + runId + "/artifacts/output/content"
        }) {
      as(tokenB)
          .get(path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("title", equalTo(missingDetail));
    }
    as(tokenB)
        .body(Map.of("spec", spec("Hijack.")))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(404);
    as(tokenB)
        .body(Map.of("agentId", agentId, "input", Map.of()))
        .post("/v1/runs")
        .then()
        .statusCode(404);
    as(tokenB).get("/v1/agents").then().statusCode(200).body("id", not(hasItem(agentId)));
    as(tokenB).get("/v1/runs").then().statusCode(200).body("items.id", not(hasItem(runId)));

    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(agentId))).isEqualTo(1);
    assertThat(count("run", "tenant_id = ?", b)).isZero();
  }

  @Test
  void aTokenWithoutTenantIsForbiddenOnTenantData() {
    String noTenant =
        TestApi.tokens().mint("drifter", null, Set.of("viewer", "runner"), Duration.ofMinutes(5));
    as(noTenant).get("/v1/agents").then().statusCode(403).contentType("application/problem+json");
    as(TestApi.platformAdminToken()).get("/v1/runs").then().statusCode(403);
  }

  @Test
  void aTokenNamingAnUnknownTenantIsForbidden() throws Exception {
    String ghost = "ghost" + UUID.randomUUID().toString().substring(0, 8);
    as(tenantToken(ghost))
        .body(Map.of("name", "squatter"))
        .post("/v1/agents")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    assertThat(count("agent", "tenant_id = ?", ghost)).isZero();
  }
}
