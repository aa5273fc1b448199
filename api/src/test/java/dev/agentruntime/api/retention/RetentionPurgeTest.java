package dev.agentruntime.api.retention;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.platformAdminToken;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.storage.ObjectStore;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The retention purge on the real tiers (PostgreSQL, the S3 server): it removes the data of the
 * runs past their retention and keeps everything else (held runs, a held tenant's runs, unfinished
 * runs, younger runs, failed runs within their longer retention), and a purge a crash stopped
 * half-way (its objects partly deleted, its rows not) is finished by the next pass with nothing
 * left behind. Runs are finished and aged by hand: no worker runs here.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RetentionPurgeTest {

  @Inject RetentionPurge purge;
  @Inject ObjectStore objects;

  @Test
  void aPassPurgesRunsPastTheirRetentionAndFinishesOneACrashLeftHalfWay() throws Exception {
    String tenant = TestApi.newTenant();
    String agent = TestApi.agentWithVersion(tenant, "worker");
    // The operator's defaults here: succeeded runs 30 days, failed ones 90.
    UUID oldSucceeded = finishedRun(tenant, agent, "succeeded", 40);
    UUID youngSucceeded = finishedRun(tenant, agent, "succeeded", 10);
    UUID oldFailed = finishedRun(tenant, agent, "failed", 40);
    UUID veryOldCancelled = finishedRun(tenant, agent, "cancelled", 100);
    UUID held = finishedRun(tenant, agent, "succeeded", 40);
    UUID unfinished = UUID.fromString(TestApi.startRun(tenant, agent));
    withData(tenant, unfinished);
    TestApi.execute(
        "update run set created_at = now() - interval '40 days' where id = ?", unfinished);
    // A purge that a crash stopped after it deleted one object, before its rows went.
    UUID crashed = finishedRun(tenant, agent, "succeeded", 40);
    TestApi.execute(
        "update run set purge_started_at = now() - interval '1 hour' where id = ?", crashed);
    objects.deleteUnder(RunObjectKeys.runPrefix(tenant, crashed) + "transcript/");
    assertThat(objects.keys(RunObjectKeys.runPrefix(tenant, crashed))).hasSize(2);

    as(tenantToken(tenant))
        .put("/v1/runs/" + held + "/hold")
        .then()
        .statusCode(200)
        .body("runId", equalTo(held.toString()))
        .body("heldBy", equalTo(tenant + "-admin"));

    // A held tenant: none of its runs goes, however old.
    String heldTenant = TestApi.newTenant();
    String heldAgent = TestApi.agentWithVersion(heldTenant, "worker");
    putPolicy(heldTenant, Map.of("legalHold", true));
    UUID ofHeldTenant = finishedRun(heldTenant, heldAgent, "succeeded", 400);
    // A tenant whose policy keeps succeeded runs 5 days only.
    String brief = TestApi.newTenant();
    String briefAgent = TestApi.agentWithVersion(brief, "worker");
    putPolicy(brief, Map.of("keepSucceededRunsDays", 5));
    UUID ofBrief = finishedRun(brief, briefAgent, "succeeded", 6);

    while (purge.pass() > 0) {
      // Until nothing due is left (other tests' runs may be due too).
    }

    assertPurged(tenant, oldSucceeded, "succeeded");
    assertPurged(tenant, veryOldCancelled, "cancelled");
    assertPurged(tenant, crashed, "succeeded");
    assertPurged(brief, ofBrief, "succeeded");
    for (UUID kept : new UUID[] {youngSucceeded, oldFailed, held, unfinished}) {
      assertKept(tenant, kept);
    }
    assertKept(heldTenant, ofHeldTenant);
    // Usage and lists stay consistent: the purged run is still listed.
    as(tenantToken(tenant))
        .get("/v1/runs/" + oldSucceeded)
        .then()
        .statusCode(200)
        .body("status", equalTo("succeeded"));

    // A released hold lets the next pass purge it; a purged run can no longer be held.
    as(tenantToken(tenant)).delete("/v1/runs/" + held + "/hold").then().statusCode(204);
    while (purge.pass() > 0) {
      // Until nothing due is left.
    }
    assertPurged(tenant, held, "succeeded");
    as(tenantToken(tenant))
        .put("/v1/runs/" + held + "/hold")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", endsWith("run-purged"));
  }

  @Test
  void onlyTheTenantsAgentAdminsHoldItsRuns() throws Exception {
    String tenant = TestApi.newTenant();
    String agent = TestApi.agentWithVersion(tenant, "worker");
    UUID run = finishedRun(tenant, agent, "succeeded", 1);
    String other = TestApi.newTenant();

    as(tenantToken(other)).put("/v1/runs/" + run + "/hold").then().statusCode(404);
    as(tenantToken(other)).delete("/v1/runs/" + run + "/hold").then().statusCode(404);
    as(tokenWithRoles(tenant, "runner", "viewer"))
        .put("/v1/runs/" + run + "/hold")
        .then()
        .statusCode(403);
    as(platformAdminToken()).put("/v1/runs/" + run + "/hold").then().statusCode(403);
    as(tenantToken(tenant))
        .put("/v1/runs/" + UUID.randomUUID() + "/hold")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    assertThat(count("run", "id = ? and held_at is not null", run)).isZero();

    // Idempotent: a second hold keeps the first one's time.
    String first =
        as(tenantToken(tenant))
            .put("/v1/runs/" + run + "/hold")
            .then()
            .statusCode(200)
            .extract()
            .path("heldAt");
    as(tenantToken(tenant))
        .put("/v1/runs/" + run + "/hold")
        .then()
        .statusCode(200)
        .body("heldAt", equalTo(first));
  }

  @Test
  void aPolicyAnswersTheOperatorsRetentionUntilItSetsItsOwn() {
    String tenant = TestApi.newTenant();
    as(platformAdminToken())
        .get("/v1/tenants/" + tenant + "/policy")
        .then()
        .statusCode(200)
        .body("keepSucceededRunsDays", equalTo(30))
        .body("keepFailedRunsDays", equalTo(90))
        .body("legalHold", equalTo(false));
    putPolicy(tenant, Map.of("keepFailedRunsDays", 365, "legalHold", true));
    as(platformAdminToken())
        .get("/v1/tenants/" + tenant + "/policy")
        .then()
        .statusCode(200)
        .body("keepSucceededRunsDays", equalTo(30))
        .body("keepFailedRunsDays", equalTo(365))
        .body("legalHold", equalTo(true));
    as(platformAdminToken())
        .body(Map.of("maxConcurrentRuns", 10, "keepSucceededRunsDays", 0))
        .put("/v1/tenants/" + tenant + "/policy")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("keepSucceededRunsDays"));
  }

  /** A run of the agent ended {@code daysAgo} days ago with its objects and rows. */
  private UUID finishedRun(String tenant, String agent, String status, int daysAgo)
      throws Exception {
    UUID run = UUID.fromString(TestApi.startRun(tenant, agent));
    withData(tenant, run);
    TestApi.execute(
        "update run set status = '"
            + status
            + "', finished_at = now() - make_interval(days => "
            + daysAgo
            + ") where id = ?",
        run);
    return run;
  }

  /** What a worker writes for a run: a transcript, an agent state and an artifact with its row. */
  private void withData(String tenant, UUID run) throws Exception {
    objects.ensureBucket();
    objects.putText(RunObjectKeys.transcript(tenant, run, 0), "[]", "application/json");
    objects.putText(RunObjectKeys.agentState(tenant, run, 1), "{}", "application/json");
    var artifact =
        objects.putText(RunObjectKeys.artifact(tenant, run, "report"), "hello", "text/plain");
    TestApi.execute(
        "insert into artifact (id, tenant_id, run_id, name, content_type, size_bytes, sha256,"
            + " object_key) values (gen_random_uuid(), ?, ?, 'report', 'text/plain', ?, ?, ?)",
        tenant,
        run,
        artifact.sizeBytes(),
        artifact.sha256(),
        artifact.key());
    assertThat(count("run_event", "run_id = ?", run)).isPositive();
  }

  private void assertPurged(String tenant, UUID run, String status) throws Exception {
    assertThat(objects.keys(RunObjectKeys.runPrefix(tenant, run)))
        .as("objects of " + run)
        .isEmpty();
    for (String table :
        new String[] {"run_event", "artifact", "run_approval", "webhook_delivery"}) {
      assertThat(count(table, "run_id = ?", run)).as(table + " of " + run).isZero();
    }
    // The run row stays, marked purged, with its status.
    assertThat(
            count(
                "run",
                "id = ? and tenant_id = ? and status = ? and purged_at is not null",
                run,
                tenant,
                status))
        .isEqualTo(1);
  }

  private void assertKept(String tenant, UUID run) throws Exception {
    assertThat(objects.keys(RunObjectKeys.runPrefix(tenant, run)))
        .as("objects of " + run)
        .hasSize(3);
    assertThat(count("artifact", "run_id = ?", run)).isEqualTo(1);
    assertThat(count("run_event", "run_id = ?", run)).isPositive();
    assertThat(count("run", "id = ? and purge_started_at is null", run)).isEqualTo(1);
  }

  private static void putPolicy(String tenant, Map<String, Object> retention) {
    Map<String, Object> body = new HashMap<>(retention);
    body.put("maxConcurrentRuns", 100);
    as(platformAdminToken())
        .body(body)
        .put("/v1/tenants/" + tenant + "/policy")
        .then()
        .statusCode(200);
  }
}
