package dev.agentruntime.api.tenant.deletion;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.platformAdminToken;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithTemporalServerServices;
import dev.agentruntime.api.WrittenRows;
import dev.agentruntime.api.temporal.TemporalNotFound;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.core.workflow.ScheduleActions;
import dev.agentruntime.storage.ObjectStore;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.schedules.ScheduleClient;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Deleting a tenant on the real tiers (PostgreSQL, the S3 server, Temporal's dev server): nothing
 * of it is left in any store, each scanned on its own terms (every table with a tenant_id, found
 * from information_schema so a table added later is covered; every object under its prefix; its
 * workflows and schedule in Temporal), another tenant's data is untouched, the receipt stays, and
 * the id cannot be used again.
 */
@QuarkusTest
@WithTestResource(
    value = WithTemporalServerServices.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class TenantDeletionTest {

  @Inject TenantDeletionJob job;
  @Inject ObjectStore objects;
  @Inject WorkflowClient workflows;
  @Inject ScheduleClient schedules;
  @Inject TemporalErasure erasure;

  @Test
  void aDeletedTenantLeavesNothingInAnyStoreAndAnotherIsUntouched() throws Exception {
    String doomed = TestApi.newTenant();
    String other = TestApi.newTenant();
    Owned doomedOwns = populate(doomed);
    Owned otherOwns = populate(other);
    Map<String, Long> otherRows = rowsOf(other);
    List<String> otherObjects = objects.keys("tenants/" + other + "/");
    assertThat(otherObjects).hasSize(1);

    String receipt =
        as(platformAdminToken())
            .delete("/v1/tenants/" + doomed)
            .then()
            .statusCode(202)
            .header("Location", matchesPattern(".*/v1/tenant-deletions/[0-9a-f-]{36}$"))
            .body("tenantId", equalTo(doomed))
            .body("status", equalTo("deleting"))
            .body("requestedBy", equalTo("platform-admin"))
            .extract()
            .path("id");
    // Suspended at once: nothing new arrives while it is deleted.
    as(tenantToken(doomed))
        .body(Map.of("agentId", doomedOwns.agent(), "input", Map.of()))
        .post("/v1/runs")
        .then()
        .statusCode(403)
        .body("type", endsWith("tenant-suspended"));
    // Asking again answers the same receipt.
    as(platformAdminToken())
        .delete("/v1/tenants/" + doomed)
        .then()
        .statusCode(202)
        .body("id", equalTo(receipt));

    job.pass();

    // The tenant's token, still remembered as its tenant's, writes nothing and gets a 403.
    as(tenantToken(doomed))
        .body(Map.of("value", "again"))
        .put("/v1/secrets/ANOTHER_KEY")
        .then()
        .statusCode(403)
        .body("detail", equalTo("The token's tenant does not exist"));
    receipt(receipt)
        .body("deleted.run", equalTo(2))
        .body("deleted.run_event", equalTo(doomedOwns.events()))
        .body("deleted.model_usage", equalTo(1))
        .body("deleted.artifact", equalTo(1))
        .body("deleted.tenant_secret", equalTo(1))
        .body("deleted.tenant_data_key", equalTo(1))
        .body("deleted.webhook", equalTo(1))
        .body("deleted.trigger", equalTo(1))
        .body("deleted.schedule", equalTo(1))
        .body("deleted.agent_version", equalTo(1))
        .body("deleted.agent_alias", equalTo(1))
        .body("deleted.agent_alias_change", equalTo(1))
        .body("deleted.tenant", equalTo(1))
        .body("deleted.objects", equalTo(1))
        .body("deleted.workflows", equalTo(2))
        .body("deleted.schedules", equalTo(1));

    // PostgreSQL: no row of it in any table with a tenant column, nor the tenant.
    assertThat(rowsOf(doomed).values()).containsOnly(0L);
    assertThat(TestApi.count("tenant", "id = ?", doomed)).isZero();
    // The object store: nothing under its prefix.
    assertThat(objects.keys("tenants/" + doomed + "/")).isEmpty();
    // Temporal: its runs' workflows and its schedule are gone, and visibility lists none.
    for (String workflowId : doomedOwns.workflowIds()) {
      assertThat(workflowExists(workflowId)).as(workflowId).isFalse();
    }
    assertThatThrownBy(
            () ->
                schedules
                    .getHandle(ScheduleActions.scheduleId(doomed, doomedOwns.schedule()))
                    .describe())
        .matches(TemporalNotFound::is);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> listedWorkflows(doomed).isEmpty());

    // The other tenant keeps every row, object, workflow and schedule.
    assertThat(rowsOf(other)).isEqualTo(otherRows);
    assertThat(objects.keys("tenants/" + other + "/")).isEqualTo(otherObjects);
    for (String workflowId : otherOwns.workflowIds()) {
      assertThat(workflowExists(workflowId)).as(workflowId).isTrue();
    }
    schedules.getHandle(ScheduleActions.scheduleId(other, otherOwns.schedule())).describe();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> listedWorkflows(other).size() == 2);

    // The id is a tombstone: it cannot be created again; the tenant answers 404.
    as(platformAdminToken())
        .body(Map.of("id", doomed, "displayName", "Again"))
        .post("/v1/tenants")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .header("Location", endsWith("/v1/tenant-deletions/" + receipt));
    as(platformAdminToken()).get("/v1/tenants/" + doomed).then().statusCode(404);
    as(platformAdminToken())
        .delete("/v1/tenants/" + doomed)
        .then()
        .statusCode(202)
        .body("id", equalTo(receipt))
        .body("status", equalTo("deleted"));
  }

  @Test
  void aDeletionACrashStoppedHalfWayIsFinishedByTheNextPassOfAnyReplica() throws Exception {
    String doomed = TestApi.newTenant();
    Owned owns = populate(doomed);
    String receipt =
        as(platformAdminToken())
            .delete("/v1/tenants/" + doomed)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    // A replica took the deletion, deleted one workflow and the objects, and died before the rows:
    // its lease is still running.
    TestApi.execute(
        "update tenant_deletion set leased_until = now() + interval '1 hour' where id = ?",
        UUID.fromString(receipt));
    assertThat(erasure.deleteWorkflows(List.of(owns.workflowIds().get(0)))).isEqualTo(1);
    objects.deleteUnder("tenants/" + doomed + "/");
    // A resume meanwhile admits nothing: the deletion refuses runs too.
    as(platformAdminToken()).post("/v1/tenants/" + doomed + "/resume").then().statusCode(200);
    as(tenantToken(doomed))
        .body(Map.of("agentId", owns.agent(), "input", Map.of()))
        .post("/v1/runs")
        .then()
        .statusCode(403)
        .body("type", endsWith("tenant-suspended"));

    // Another replica leaves it alone while the lease runs, and finishes it once it ended.
    job.pass();
    assertThat(TestApi.count("run", "tenant_id = ?", doomed)).isEqualTo(2);
    TestApi.execute(
        "update tenant_deletion set leased_until = now() - interval '1 second' where id = ?",
        UUID.fromString(receipt));
    job.pass();

    // The tenant's token, still remembered as its tenant's, writes nothing and gets a 403.
    as(tenantToken(doomed))
        .body(Map.of("value", "again"))
        .put("/v1/secrets/ANOTHER_KEY")
        .then()
        .statusCode(403)
        .body("detail", equalTo("The token's tenant does not exist"));
    receipt(receipt)
        .body("deleted.run", equalTo(2))
        // What the crashed pass deleted is not counted by the pass that finished.
        .body("deleted.workflows", equalTo(1));
    assertThat(rowsOf(doomed).values()).containsOnly(0L);
    assertThat(objects.keys("tenants/" + doomed + "/")).isEmpty();
    for (String workflowId : owns.workflowIds()) {
      assertThat(workflowExists(workflowId)).as(workflowId).isFalse();
    }
  }

  @Test
  void onlyAPlatformAdministratorDeletesATenantOrReadsAReceipt() throws Exception {
    String tenant = TestApi.newTenant();
    String other = TestApi.newTenant();
    WrittenRows before = WrittenRows.snapshot();
    as(tenantToken(tenant)).delete("/v1/tenants/" + tenant).then().statusCode(403);
    as(tenantToken(other)).delete("/v1/tenants/" + tenant).then().statusCode(403);
    as(platformAdminToken())
        .delete("/v1/tenants/t" + UUID.randomUUID().toString().substring(0, 8))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(platformAdminToken())
        .delete("/v1/tenants/Not_A_Tenant")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    before.assertNothingWritten();

    as(platformAdminToken())
        .get("/v1/tenant-deletions/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(platformAdminToken())
        .get("/v1/tenant-deletions/nope")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    String receipt =
        as(platformAdminToken())
            .delete("/v1/tenants/" + tenant)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    as(tenantToken(tenant)).get("/v1/tenant-deletions/" + receipt).then().statusCode(403);
    as(tenantToken(other)).get("/v1/tenant-deletions/" + receipt).then().statusCode(403);
    job.pass();
  }

  /**
   * The receipt, read by a platform administrator once its deletion finished: by the pass the test
   * ran, or by the replica's own scheduled pass, which may have held the lease at that moment.
   */
  private static ValidatableResponse receipt(String id) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "deleted"
                    .equals(
                        as(platformAdminToken())
                            .get("/v1/tenant-deletions/" + id)
                            .then()
                            .extract()
                            .path("status")));
    return as(platformAdminToken())
        .get("/v1/tenant-deletions/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("deleted"));
  }

  /** What a tenant owns in each store, for the checks after the deletion. */
  private record Owned(String agent, List<String> workflowIds, UUID schedule, int events) {}

  private Owned populate(String tenant) throws Exception {
    String agent = TestApi.agentWithVersion(tenant, "worker");
    String token = tenantToken(tenant);
    List<String> workflowIds = new ArrayList<>();
    List<UUID> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      UUID run = UUID.fromString(TestApi.startRun(tenant, agent));
      runs.add(run);
      workflowIds.add(RunWorkflows.workflowId(tenant, "worker", 1, run));
    }
    TestApi.execute(
        "select append_run_event(?, ?, 'model-1', 'model.call.completed',"
            + " '{\"step\": 1, \"tokens\": 10}'::jsonb)",
        tenant,
        runs.get(0));
    objects.ensureBucket();
    var artifact =
        objects.putText(
            RunObjectKeys.artifact(tenant, runs.get(0), "report"), "hello", "text/plain");
    TestApi.execute(
        "insert into artifact (id, tenant_id, run_id, name, content_type, size_bytes, sha256,"
            + " object_key) values (gen_random_uuid(), ?, ?, 'report', 'text/plain', ?, ?, ?)",
        tenant,
        runs.get(0),
        artifact.sizeBytes(),
        artifact.sha256(),
        artifact.key());
    as(token).body(Map.of("value", "s3cret")).put("/v1/secrets/API_KEY").then().statusCode(201);
    as(token)
        .body(Map.of("version", 1))
        .put("/v1/agents/" + agent + "/aliases/prod")
        .then()
        .statusCode(201);
    as(token)
        .body(
            Map.of(
                "name",
                "hooks",
                "url",
                "https://hooks.example.com/agent-runtime",
                "eventTypes",
                List.of("run.failed")))
        .post("/v1/webhooks")
        .then()
        .statusCode(201);
    as(token)
        .body(Map.of("name", "gh", "agentName", "worker", "preset", "github"))
        .post("/v1/triggers")
        .then()
        .statusCode(201);
    String schedule =
        as(token)
            .body(
                Map.of(
                    "name",
                    "hourly",
                    "agentName",
                    "worker",
                    "input",
                    Map.of(),
                    "timing",
                    Map.of("interval", "PT1H")))
            .post("/v1/schedules")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as(platformAdminToken())
        .body(Map.of("maxConcurrentRuns", 10))
        .put("/v1/tenants/" + tenant + "/policy")
        .then()
        .statusCode(200);
    assertThat(TestApi.count("model_usage", "tenant_id = ?", tenant)).isEqualTo(1);
    int events = (int) TestApi.count("run_event", "tenant_id = ?", tenant);
    return new Owned(agent, workflowIds, UUID.fromString(schedule), events);
  }

  /** Rows of the tenant in every table with a tenant_id column (the receipts' aside). */
  private static Map<String, Long> rowsOf(String tenant) throws Exception {
    Map<String, Long> rows = new TreeMap<>();
    try (Connection c = TestApi.db();
        PreparedStatement tables =
            c.prepareStatement(
                "select c.table_name from information_schema.columns c join"
                    + " information_schema.tables t on t.table_schema = c.table_schema and"
                    + " t.table_name = c.table_name and t.table_type = 'BASE TABLE' where"
                    + " c.table_schema = current_schema() and c.column_name = 'tenant_id' and"
                    + " c.table_name <> 'tenant_deletion'");
        ResultSet names = tables.executeQuery()) {
      while (names.next()) {
        String table = names.getString(1);
        rows.put(table, TestApi.count("\"" + table + "\"", "tenant_id = ?", tenant));
      }
    }
    assertThat(rows).containsKeys("run", "run_event", "tenant_secret", "model_usage");
    return rows;
  }

  private boolean workflowExists(String workflowId) {
    try {
      workflows.newUntypedWorkflowStub(workflowId).describe();
      return true;
    } catch (RuntimeException e) {
      if (e instanceof WorkflowNotFoundException || TemporalNotFound.is(e)) {
        return false;
      }
      throw e;
    }
  }

  private List<String> listedWorkflows(String tenant) {
    return workflows
        .getWorkflowServiceStubs()
        .blockingStub()
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(workflows.getOptions().getNamespace())
                .setQuery(RunWorkflows.TENANT.getName() + " = '" + tenant + "'")
                .build())
        .getExecutionsList()
        .stream()
        .map(info -> info.getExecution().getWorkflowId())
        .toList();
  }
}
