package dev.agentruntime.api.tenant.lifecycle;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.platformAdminToken;
import static dev.agentruntime.api.TestApi.tenantToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Suspending and resuming a tenant over HTTP: a suspended tenant starts no run (with nothing
 * written) but still reads, a repeated request still answers the run it admitted, its runs are
 * paused or cancelled as asked, and only a platform administrator may do it. The refusal of the
 * other origins (a sub-agent call, a schedule's fire) is the database's: RunAdmissionsTest.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantSuspensionTest {

  @Test
  void aSuspendedTenantStartsNoRunButReadsAndReplaysUntilResumed() throws Exception {
    String tenant = TestApi.newTenant();
    String agent = TestApi.agentWithVersion(tenant, "worker");
    Map<String, Object> request = Map.of("agentId", agent, "input", Map.of("n", 1));
    String earlier =
        as(tenantToken(tenant))
            .header("Idempotency-Key", "before-the-suspension")
            .body(request)
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    given()
        .auth()
        .oauth2(platformAdminToken())
        .contentType("application/json")
        .body(Map.of("reason", "invoice unpaid"))
        .post("/v1/tenants/" + tenant + "/suspend")
        .then()
        .statusCode(200)
        .body("suspendedAt", notNullValue())
        .body("suspendedBy", notNullValue())
        .body("suspensionReason", equalTo("invoice unpaid"));

    WrittenRows before = WrittenRows.snapshot();
    as(tenantToken(tenant))
        .body(request)
        .post("/v1/runs")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", endsWith("tenant-suspended"));
    before.assertNothingWritten();
    // A repeat of a request admitted before answers its run; it starts nothing new.
    as(tenantToken(tenant))
        .header("Idempotency-Key", "before-the-suspension")
        .body(request)
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .body("id", equalTo(earlier));
    as(tenantToken(tenant)).get("/v1/runs/" + earlier).then().statusCode(200);
    as(platformAdminToken())
        .get("/v1/tenants/" + tenant)
        .then()
        .statusCode(200)
        .body("suspensionReason", equalTo("invoice unpaid"));

    // A bare POST resumes it.
    given()
        .auth()
        .oauth2(platformAdminToken())
        .post("/v1/tenants/" + tenant + "/resume")
        .then()
        .statusCode(200)
        .body("suspendedAt", nullValue())
        .body("suspensionReason", nullValue());
    as(tenantToken(tenant)).body(request).post("/v1/runs").then().statusCode(202);
    assertThat(count("run", "tenant_id = ?", tenant)).isEqualTo(2);
  }

  @Test
  void aSuspensionPausesOrCancelsTheTenantsRunsAsAskedAndAResumeResumesThem() throws Exception {
    String tenant = TestApi.newTenant();
    String agent = TestApi.agentWithVersion(tenant, "worker");
    String run = TestApi.startRun(tenant, agent);
    suspend(tenant, Map.of("runs", "pause"));
    as(tenantToken(tenant))
        .get("/v1/runs/" + run)
        .then()
        .statusCode(200)
        .body("controlRequested.action", equalTo("pause"));
    resume(tenant, Map.of("resumeRuns", true));
    // The resume withdrew the pause the run had not reached: nothing is pending any more.
    as(tenantToken(tenant))
        .get("/v1/runs/" + run)
        .then()
        .statusCode(200)
        .body("controlRequested", nullValue());
    assertThat(
            count(
                "run_event", "run_id = ? and type = 'run.resume_requested'", UUID.fromString(run)))
        .isEqualTo(1);

    suspend(tenant, Map.of("runs", "cancel"));
    as(tenantToken(tenant))
        .get("/v1/runs/" + run)
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelling"));
    // Repeating a suspension changes nothing more.
    suspend(tenant, Map.of("runs", "cancel"));
  }

  @Test
  void badRequestsUnknownTenantsAndOtherRolesAreRefusedAndWriteNothing() throws Exception {
    String tenant = TestApi.newTenant();
    WrittenRows before = WrittenRows.snapshot();
    as(platformAdminToken())
        .body(Map.of("runs", "stop"))
        .post("/v1/tenants/" + tenant + "/suspend")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("runs"));
    as(platformAdminToken())
        .body(Map.of("reason", "x".repeat(501)))
        .post("/v1/tenants/" + tenant + "/suspend")
        .then()
        .statusCode(400);
    as(platformAdminToken())
        .body(Map.of())
        .post("/v1/tenants/t" + UUID.randomUUID().toString().substring(0, 8) + "/suspend")
        .then()
        .statusCode(404);
    as(tenantToken(tenant))
        .body(Map.of())
        .post("/v1/tenants/" + tenant + "/suspend")
        .then()
        .statusCode(403);
    as(tenantToken(tenant))
        .body(Map.of())
        .post("/v1/tenants/" + tenant + "/resume")
        .then()
        .statusCode(403);
    before.assertNothingWritten();
  }

  private static void suspend(String tenant, Map<String, Object> body) {
    as(platformAdminToken())
        .body(body)
        .post("/v1/tenants/" + tenant + "/suspend")
        .then()
        .statusCode(200);
  }

  private static void resume(String tenant, Map<String, Object> body) {
    as(platformAdminToken())
        .body(body)
        .post("/v1/tenants/" + tenant + "/resume")
        .then()
        .statusCode(200);
  }
}
