package dev.agentruntime.api.run;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunResourceTest {

  @Inject WorkflowClient temporal;

  private static Response startRun(String tenant, Map<String, Object> body, String key) {
    var request = as(tenantToken(tenant));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.body(body).post("/v1/runs");
  }

  /** Starts a run of the tenant's agent with an empty input; returns its id. */
  private static String acceptedRun(String tenant, String agentName) {
    return startRun(tenant, Map.of("agentName", agentName, "input", Map.of()), null)
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  @Test
  void aRunIsAcceptedWith202AndItsLocation() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(tenant, "echo");
    Response response =
        startRun(tenant, Map.of("agentName", "echo", "input", Map.of("message", "hi")), null);
    String runId =
        response
            .then()
            .statusCode(202)
            .body("status", equalTo("queued"))
            .body("agentId", equalTo(agentId))
            .body("agentName", equalTo("echo"))
            .body("agentVersion", equalTo(1))
            .body("input.message", equalTo("hi"))
            .extract()
            .path("id");
    assertThat(response.header("Location")).endsWith("/v1/runs/" + runId);
    response.then().body("workflowId", equalTo(tenant + ":echo:v1:" + runId));
    assertThat(count("run", "tenant_id = ? and id = ?", tenant, UUID.fromString(runId)))
        .isEqualTo(1);
  }

  @Test
  void theWorkflowIsStartedUnderTheDerivedIdWithSearchAttributes() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "searchable");
    String runId = acceptedRun(tenant, "searchable");
    String workflowId = RunWorkflows.workflowId(tenant, "searchable", 1, UUID.fromString(runId));

    WorkflowExecutionDescription description =
        temporal.newUntypedWorkflowStub(workflowId).describe();
    assertThat(description.getWorkflowType()).isEqualTo("AgentRunWorkflow");
    assertThat(description.getTaskQueue()).isEqualTo(RunWorkflows.TASK_QUEUE);
    assertThat(description.getTypedSearchAttributes().get(RunWorkflows.TENANT)).isEqualTo(tenant);
    assertThat(description.getTypedSearchAttributes().get(RunWorkflows.AGENT))
        .isEqualTo("searchable");
    assertThat(description.getTypedSearchAttributes().get(RunWorkflows.AGENT_VERSION))
        .isEqualTo(1L);
    // The dispatch stamp is written in a batch shortly after the answer.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        count(
                            "run",
                            "id = ? and dispatched_at is not null and workflow_id = ?",
                            UUID.fromString(runId),
                            workflowId))
                    .isEqualTo(1));
  }

  @Test
  void theWorkflowIsStartedWithItsTenantAsFairnessKey() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "fair");
    String runId = acceptedRun(tenant, "fair");
    String workflowId = RunWorkflows.workflowId(tenant, "fair", 1, UUID.fromString(runId));

    // What the server recorded at the start, which its task queues dispatch by.
    HistoryEvent started = temporal.fetchHistory(workflowId).getHistory().getEvents(0);
    assertThat(started.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    assertThat(started.getWorkflowExecutionStartedEventAttributes().getPriority().getFairnessKey())
        .isEqualTo(tenant);
  }

  @Test
  void aRunAndItsQueuedEventCanBeRead() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "reader");
    String runId =
        startRun(tenant, Map.of("agentName", "reader", "input", Map.of("n", 1)), null)
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    as(tenantToken(tenant))
        .get("/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("id", equalTo(runId))
        .body("status", equalTo("queued"))
        .body("input.n", equalTo(1))
        .body("steps", equalTo(0))
        .body("createdAt", notNullValue())
        .body("finishedAt", nullValue());
    as(tenantToken(tenant))
        .get("/v1/runs/" + runId + "/events")
        .then()
        .statusCode(200)
        .body("seq", contains(1))
        .body("type", contains("run.queued"))
        .body("[0].payload.agentVersion", equalTo(1));
    as(tenantToken(tenant))
        .get("/v1/runs/" + runId + "/events?afterSeq=1")
        .then()
        .statusCode(200)
        .body("$", empty());
    as(tenantToken(tenant))
        .get("/v1/runs/" + runId + "/artifacts")
        .then()
        .statusCode(200)
        .body("$", empty());
  }

  @Test
  void aRunIsPinnedToTheRequestedVersionOrTheLatest() {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(tenant, "pinned");
    TestApi.publish(tenant, agentId, "Version two.");
    startRun(tenant, Map.of("agentId", agentId, "version", 1, "input", Map.of()), null)
        .then()
        .statusCode(202)
        .body("agentVersion", equalTo(1));
    startRun(tenant, Map.of("agentId", agentId, "input", Map.of()), null)
        .then()
        .statusCode(202)
        .body("agentVersion", equalTo(2));
    startRun(tenant, Map.of("agentId", agentId, "version", 3, "input", Map.of()), null)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void runsAreListedNewestFirst() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "lister");
    String first =
        startRun(tenant, Map.of("agentName", "lister", "input", Map.of()), null)
            .then()
            .extract()
            .path("id");
    String second =
        startRun(tenant, Map.of("agentName", "lister", "input", Map.of()), null)
            .then()
            .extract()
            .path("id");
    as(tenantToken(tenant))
        .get("/v1/runs")
        .then()
        .statusCode(200)
        .body("items.id", contains(second, first))
        .body("nextCursor", nullValue());
    as(tenantToken(tenant))
        .get("/v1/runs?limit=1")
        .then()
        .statusCode(200)
        .body("items.id", contains(second))
        .body("nextCursor", notNullValue());
  }

  @Test
  void theSameIdempotencyKeyAndBodyAnswerTheSameRun() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "idem");
    Map<String, Object> body = Map.of("agentName", "idem", "input", Map.of("a", 1, "b", 2));
    String first =
        startRun(tenant, body, "key-1")
            .then()
            .statusCode(202)
            .header("Idempotent-Replayed", nullValue())
            .extract()
            .path("id");
    // Same content, keys in another order.
    String again =
        as(tenantToken(tenant))
            .header("Idempotency-Key", "key-1")
            .body("{\"input\":{\"b\":2,\"a\":1},\"agentName\":\"idem\"}")
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .header("Idempotent-Replayed", "true")
            .header("Location", endsWith("/v1/runs/" + first))
            .extract()
            .path("id");
    assertThat(again).isEqualTo(first);
    assertThat(count("run", "tenant_id = ?", tenant)).isEqualTo(1);
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBodyIsRefused() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "idem");
    startRun(tenant, Map.of("agentName", "idem", "input", Map.of("a", 1)), "key-2")
        .then()
        .statusCode(202);
    startRun(tenant, Map.of("agentName", "idem", "input", Map.of("a", 2)), "key-2")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("status", equalTo(422));
    assertThat(count("run", "tenant_id = ?", tenant)).isEqualTo(1);
  }

  @Test
  void anUnknownAgentIsNotFoundAndNothingIsWritten() throws Exception {
    String tenant = TestApi.newTenant();
    startRun(tenant, Map.of("agentName", "ghost", "input", Map.of()), null)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    assertThat(count("run", "tenant_id = ?", tenant)).isZero();
  }

  @Test
  void aViewerCannotStartRuns() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "guarded");
    as(TestApi.tokenWithRoles(tenant, "viewer"))
        .body(Map.of("agentName", "guarded", "input", Map.of()))
        .post("/v1/runs")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    assertThat(count("run", "tenant_id = ?", tenant)).isZero();
  }
}
