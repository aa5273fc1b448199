package dev.agentruntime.api.tenant.policy;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.platformAdminToken;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A tenant's policy over HTTP: its defaults, setting it (platform-admin only), refusals that write
 * nothing, and a run's {@code waitingForSlot} (the worker's claims are RunSlotWorkflowTest's).
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantPolicyResourceTest {

  @Test
  void aTenantWithoutAPolicyHasTheDefaultsAndAPutReplacesThem() {
    String tenant = TestApi.newTenant();
    String path = "/v1/tenants/" + tenant + "/policy";
    as(platformAdminToken())
        .get(path)
        .then()
        .statusCode(200)
        .body("maxConcurrentRuns", equalTo(100))
        .body("maxConcurrentRunsPerAgent", nullValue())
        .body("idleRunsHoldSlots", equalTo(true))
        .body("admissionsPerSecond", equalTo(50))
        .body("admissionBurst", equalTo(50))
        .body("updatedAt", nullValue());

    as(platformAdminToken())
        .body(
            Map.of(
                "maxConcurrentRuns", 3, "maxConcurrentRunsPerAgent", 2, "idleRunsHoldSlots", false))
        .put(path)
        .then()
        .statusCode(200)
        .body("maxConcurrentRuns", equalTo(3))
        .body("maxConcurrentRunsPerAgent", equalTo(2))
        .body("idleRunsHoldSlots", equalTo(false))
        .body("updatedAt", notNullValue())
        .body("updatedBy", notNullValue());
    // A PUT is the whole policy: what it leaves out goes back to its default.
    as(platformAdminToken()).body(Map.of("maxConcurrentRuns", 5)).put(path).then().statusCode(200);
    as(platformAdminToken())
        .get(path)
        .then()
        .statusCode(200)
        .body("maxConcurrentRuns", equalTo(5))
        .body("maxConcurrentRunsPerAgent", nullValue())
        .body("idleRunsHoldSlots", equalTo(true));
  }

  @Test
  void aTenantsOwnAdmissionRateAppliesToItAlone() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "limited");
    as(platformAdminToken())
        .body(Map.of("maxConcurrentRuns", 10, "admissionsPerSecond", 1, "admissionBurst", 2))
        .put("/v1/tenants/" + tenant + "/policy")
        .then()
        .statusCode(200)
        .body("admissionsPerSecond", equalTo(1))
        .body("admissionBurst", equalTo(2));
    int accepted = 0;
    int limited = 0;
    for (int i = 0; i < 5; i++) {
      int status =
          as(tenantToken(tenant))
              .body(Map.of("agentName", "limited", "input", Map.of("i", i)))
              .post("/v1/runs")
              .then()
              .extract()
              .statusCode();
      accepted += status == 202 ? 1 : 0;
      limited += status == 429 ? 1 : 0;
    }
    // A burst of two, then one per second: five at once leave at least two refused.
    assertThat(accepted).isBetween(2, 3);
    assertThat(limited).isEqualTo(5 - accepted);
    assertThat(TestApi.count("run", "tenant_id = ?", tenant)).isEqualTo(accepted);
    // Another tenant keeps the operator's default.
    String other = TestApi.newTenant();
    TestApi.agentWithVersion(other, "limited");
    for (int i = 0; i < 5; i++) {
      as(tenantToken(other))
          .body(Map.of("agentName", "limited", "input", Map.of("i", i)))
          .post("/v1/runs")
          .then()
          .statusCode(202);
    }
  }

  @Test
  void badPoliciesUnknownTenantsAndOtherRolesAreRefusedAndWriteNothing() throws Exception {
    String tenant = TestApi.newTenant();
    String path = "/v1/tenants/" + tenant + "/policy";
    WrittenRows before = WrittenRows.snapshot();
    Map<String, Object> noCap = new HashMap<>();
    noCap.put("maxConcurrentRunsPerAgent", 2);
    for (Map<String, Object> body :
        new Map[] {
          Map.of("maxConcurrentRuns", 0),
          Map.of("maxConcurrentRuns", 100_001),
          Map.of("maxConcurrentRuns", 2, "maxConcurrentRunsPerAgent", 0),
          Map.of("maxConcurrentRuns", 2, "admissionsPerSecond", 0),
          Map.of("maxConcurrentRuns", 2, "admissionBurst", 1_000_001),
          Map.of("maxConcurrentRuns", "many"),
          noCap
        }) {
      as(platformAdminToken())
          .body(body)
          .put(path)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    as(platformAdminToken())
        .body(Map.of("maxConcurrentRuns", 2))
        .put("/v1/tenants/t" + UUID.randomUUID().toString().substring(0, 8) + "/policy")
        .then()
        .statusCode(404);
    as(platformAdminToken()).get("/v1/tenants/NOT_AN_ID/policy").then().statusCode(400);
    // The tenant's own admin neither reads nor sets it: caps are the platform's to give.
    as(tenantToken(tenant)).get(path).then().statusCode(403);
    as(tenantToken(tenant))
        .body(Map.of("maxConcurrentRuns", 1000))
        .put(path)
        .then()
        .statusCode(403);
    before.assertNothingWritten();
  }

  @Test
  void aQueuedRunWithoutASlotSaysItIsWaitingForOne() throws Exception {
    String tenant = TestApi.newTenant();
    String runId = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "waiter"));
    as(tenantToken(tenant))
        .get("/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("status", equalTo("queued"))
        .body("waitingForSlot", equalTo(true));
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement("update run set slot_granted_at = now() where id = ?")) {
      s.setObject(1, UUID.fromString(runId));
      s.executeUpdate();
    }
    as(tenantToken(tenant))
        .get("/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("waitingForSlot", equalTo(false));
  }
}
