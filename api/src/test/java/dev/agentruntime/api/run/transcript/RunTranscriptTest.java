package dev.agentruntime.api.run.transcript;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.run.transcript.StoredMessages.CALLS;
import static dev.agentruntime.api.run.transcript.StoredMessages.FINAL;
import static dev.agentruntime.api.run.transcript.StoredMessages.RESULT_1;
import static dev.agentruntime.api.run.transcript.StoredMessages.RESULT_2_FAILED;
import static dev.agentruntime.api.run.transcript.StoredMessages.SYSTEM;
import static dev.agentruntime.api.run.transcript.StoredMessages.USER;
import static dev.agentruntime.api.run.transcript.StoredMessages.list;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.TestRunHistory;
import dev.agentruntime.api.security.Roles;
import dev.agentruntime.storage.ObjectStore;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A run's conversation, read by the API from a real S3 server where it was put as the worker puts
 * it, and the run's row as the worker leaves it.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunTranscriptTest {

  @Inject ObjectStore objects;

  private record Run(String tenant, String id) {}

  private static Run newRun() {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(tenant, "calculator");
    return new Run(tenant, TestApi.startRun(tenant, agentId));
  }

  private static String transcript(String runId) {
    return "/v1/runs/" + runId + "/transcript";
  }

  /** The run's row as the worker leaves it after {@code steps} steps. */
  private static void progressed(Run run, String status, int steps) throws Exception {
    TestApi.execute(
        "update run set status = ?, steps = ? where id = ?",
        status,
        steps,
        UUID.fromString(run.id));
  }

  /** Step 0 the opening, step 1 an answer calling two tools, both results, step 2 the answer. */
  private void twoSteps(Run run) {
    StoredMessages.transcript(objects, run.tenant, run.id, 0, list(SYSTEM, USER));
    StoredMessages.transcript(objects, run.tenant, run.id, 1, list(SYSTEM, USER, CALLS));
    StoredMessages.toolResult(objects, run.tenant, run.id, 1, 0, RESULT_1);
    StoredMessages.toolResult(objects, run.tenant, run.id, 1, 1, RESULT_2_FAILED);
    StoredMessages.transcript(
        objects,
        run.tenant,
        run.id,
        2,
        list(SYSTEM, USER, CALLS, RESULT_1, RESULT_2_FAILED, FINAL));
  }

  @Test
  void aFinishedRunsConversationIsItsLastStepsTranscriptByRole() throws Exception {
    Run run = newRun();
    twoSteps(run);
    progressed(run, "succeeded", 2);

    as(TestApi.tokenWithRoles(run.tenant, Roles.VIEWER))
        .get(transcript(run.id))
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("runId", equalTo(run.id))
        .body("step", equalTo(2))
        .body("purged", equalTo(false))
        .body("messages.role", contains("system", "user", "assistant", "tool", "tool", "assistant"))
        .body(
            "messages.text",
            contains("Be helpful.", "What is 6*7?", null, "42", "refused: no name", "6*7 is 42."))
        .body("messages[2].toolCalls.id", contains("call_1", "call_2"))
        .body("messages[2].toolCalls.name", contains("calculator", "write_artifact"))
        // The arguments as the model sent them: a string, spacing kept, not parsed.
        .body("messages[2].toolCalls[0].arguments", equalTo("{\"expression\": \"6*7\"}"))
        .body("messages[3].toolCallId", equalTo("call_1"))
        .body("messages[3].toolName", equalTo("calculator"))
        .body("messages[3].failed", equalTo(false))
        .body("messages[4].failed", equalTo(true))
        .body("messages[5].toolCalls", empty())
        .body("messages[0].toolCallId", nullValue())
        .body("messages[0].toolName", nullValue())
        .body("pendingToolCalls", empty());
  }

  @Test
  void aRunInTheMiddleOfAStepShowsTheResultsStoredSoFarAndTheCallsStillRunning() throws Exception {
    Run run = newRun();
    StoredMessages.transcript(objects, run.tenant, run.id, 0, list(SYSTEM, USER));
    StoredMessages.transcript(objects, run.tenant, run.id, 1, list(SYSTEM, USER, CALLS));
    // The second call ended first: calls run side by side.
    StoredMessages.toolResult(objects, run.tenant, run.id, 1, 1, RESULT_2_FAILED);
    // The row counts a second step whose transcript is not written yet (its model call is on).
    progressed(run, "running", 2);

    as(tenantToken(run.tenant))
        .get(transcript(run.id))
        .then()
        .statusCode(200)
        .body("step", equalTo(1))
        .body("messages.role", contains("system", "user", "assistant", "tool"))
        .body("messages[3].toolCallId", equalTo("call_2"))
        .body("pendingToolCalls.id", contains("call_1"))
        .body("pendingToolCalls[0].name", equalTo("calculator"))
        .body("pendingToolCalls[0].arguments", equalTo("{\"expression\": \"6*7\"}"));
  }

  @Test
  void aQueuedRunHasNoConversationYet() {
    Run run = newRun();

    as(TestApi.tokenWithRoles(run.tenant, Roles.RUNNER))
        .get(transcript(run.id))
        .then()
        .statusCode(200)
        .body("runId", equalTo(run.id))
        .body("step", nullValue())
        .body("purged", equalTo(false))
        .body("messages", empty())
        .body("pendingToolCalls", empty());
  }

  @Test
  void aStartedRunShowsItsOpening() throws Exception {
    Run run = newRun();
    StoredMessages.transcript(objects, run.tenant, run.id, 0, list(SYSTEM, USER));
    progressed(run, "running", 0);

    as(TestApi.tokenWithRoles(run.tenant, Roles.AGENT_ADMIN))
        .get(transcript(run.id))
        .then()
        .statusCode(200)
        .body("step", equalTo(0))
        .body("messages.role", contains("system", "user"))
        .body("pendingToolCalls", empty());
  }

  @Test
  void aPurgedRunAnswersNoConversationAndSaysSo() throws Exception {
    Run run = newRun();
    twoSteps(run);
    progressed(run, "succeeded", 2);
    TestRunHistory.purged(run.id);

    as(tenantToken(run.tenant))
        .get(transcript(run.id))
        .then()
        .statusCode(200)
        .body("purged", equalTo(true))
        .body("step", nullValue())
        .body("messages", empty())
        .body("pendingToolCalls", empty());
  }

  @Test
  void anotherTenantsRunIsNotFound() throws Exception {
    Run run = newRun();
    twoSteps(run);
    progressed(run, "succeeded", 2);
    Run other = newRun();

    as(tenantToken(other.tenant))
        .get(transcript(run.id))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Run " + run.id + " was not found"));
    as(TestApi.tokenWithRoles(other.tenant, Roles.VIEWER))
        .get(transcript(run.id))
        .then()
        .statusCode(404);
  }

  @Test
  void anUnknownRunIsNotFoundAndAMalformedIdIsABadParameter() {
    String tenant = TestApi.newTenant();
    UUID unknown = UUID.randomUUID();

    as(tenantToken(tenant))
        .get(transcript(unknown.toString()))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Run " + unknown + " was not found"));
    as(tenantToken(tenant))
        .get(transcript("not-a-uuid"))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("runId"));
  }

  @Test
  void rolesThatDoNotReadRunsAreForbidden() {
    Run run = newRun();

    as(TestApi.tokenWithRoles(run.tenant, Roles.APPROVER))
        .get(transcript(run.id))
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(TestApi.platformAdminToken()).get(transcript(run.id)).then().statusCode(403);
  }

  @Test
  void aConversationOverTheBoundIsRefusedWithAProblemNotRead() throws Exception {
    Run run = newRun();
    // Each object is under the 8 MiB bound, the transcript with its tool result is not.
    String big = "x".repeat(5 * 1024 * 1024);
    String bigUser =
        "{\"contents\":[{\"text\":\"" + big + "\",\"type\":\"TEXT\"}],\"type\":\"USER\"}";
    String bigResult =
        "{\"id\":\"call_1\",\"toolName\":\"calculator\",\"contents\":[{\"text\":\""
            + big.substring(0, 4 * 1024 * 1024)
            + "\",\"type\":\"TEXT\"}],\"attributes\":{},\"type\":\"TOOL_EXECUTION_RESULT\"}";
    StoredMessages.transcript(objects, run.tenant, run.id, 1, list(SYSTEM, bigUser, CALLS));
    StoredMessages.toolResult(objects, run.tenant, run.id, 1, 0, bigResult);
    progressed(run, "running", 1);

    as(tenantToken(run.tenant))
        .get(transcript(run.id))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("https://agent-runtime.dev/problems/transcript-too-large"))
        .body("title", equalTo("Transcript too large"))
        .body("detail", containsString("agent-runtime.transcript.max-bytes"))
        .body("detail", containsString("8388608 bytes"));
  }
}
