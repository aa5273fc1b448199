package dev.agentruntime.api.run.control;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.run.RunEventTypes;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Cancel, pause and resume through the API against real PostgreSQL and a real Temporal server (with
 * no worker: what the workflow does with a signal is the worker's tests' business; here the signal
 * must be in its history and the request in the run's timeline).
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunControlResourceTest {

  @Inject WorkflowClient temporal;
  @Inject CancelRedelivery redelivery;

  private record Run(String tenant, String id, String workflowId) {}

  private static Run newRun() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "worker");
    var response =
        as(runner(tenant))
            .body(Map.of("agentName", "worker", "input", Map.of("message", "hi")))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract();
    return new Run(tenant, response.path("id"), response.path("workflowId"));
  }

  private static String runner(String tenant) {
    return tokenWithRoles(tenant, "runner");
  }

  private static io.restassured.response.Response control(Run run, String action, Object body) {
    var request = as(runner(run.tenant()));
    if (body != null) {
      request.body(body);
    }
    return request.post("/v1/runs/" + run.id() + "/" + action);
  }

  @Test
  void cancelRecordsCancellingWithItsActorAndSignalsTheWorkflow() throws Exception {
    Run run = newRun();

    control(run, "cancel", Map.of("reason", "wrong input"))
        .then()
        .statusCode(202)
        .body("id", equalTo(run.id()))
        .body("status", equalTo("cancelling"));

    assertThat(events(run, RunEventTypes.RUN_CANCEL_REQUESTED))
        .containsExactly("{\"actor\": \"user-" + run.tenant() + "\", \"reason\": \"wrong input\"}");
    assertThat(signals(run)).containsExactly("cancel");
    assertThat(
            count("run", "id = ? and cancel_delivered_at is not null", UUID.fromString(run.id())))
        .isEqualTo(1);
  }

  @Test
  void aRepeatedCancelAnswersTheSameAndRecordsNothingNew() throws Exception {
    Run run = newRun();
    control(run, "cancel", null).then().statusCode(202).body("status", equalTo("cancelling"));

    control(run, "cancel", Map.of("reason", "again")).then().statusCode(202);
    setStatus(run, "cancelled");
    control(run, "cancel", null).then().statusCode(202).body("status", equalTo("cancelled"));

    assertThat(events(run, RunEventTypes.RUN_CANCEL_REQUESTED)).hasSize(1);
    assertThat(signals(run)).containsExactly("cancel");
  }

  @Test
  void aRunThatEndedOtherwiseCannotBeCancelledPausedOrResumed() throws Exception {
    Run run = newRun();
    setStatus(run, "succeeded");
    long events = count("run_event", "run_id = ?", UUID.fromString(run.id()));

    for (String action : List.of("cancel", "pause", "resume")) {
      control(run, action, null)
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("type", containsString("run-state-conflict"))
          .body("detail", containsString("its status is succeeded"));
    }
    assertThat(count("run_event", "run_id = ?", UUID.fromString(run.id()))).isEqualTo(events);
    assertThat(signals(run)).isEmpty();
  }

  @Test
  void pauseAndResumeAreSignalledAndAudited() throws Exception {
    Run run = newRun();

    control(run, "resume", null)
        .then()
        .statusCode(409)
        .body("detail", containsString("it is not paused"));
    control(run, "pause", Map.of("reason", "look first")).then().statusCode(202);
    control(run, "pause", null).then().statusCode(202); // pausing already: nothing new
    control(run, "resume", null).then().statusCode(202);
    control(run, "resume", null).then().statusCode(409);

    assertThat(events(run, RunEventTypes.RUN_PAUSE_REQUESTED))
        .containsExactly("{\"actor\": \"user-" + run.tenant() + "\", \"reason\": \"look first\"}");
    assertThat(events(run, RunEventTypes.RUN_RESUME_REQUESTED))
        .containsExactly("{\"actor\": \"user-" + run.tenant() + "\"}");
    assertThat(signals(run)).containsExactly("pause", "resume");
  }

  @Test
  void aPendingPauseShowsInTheRunUntilItHoldsAndAPendingResumeUntilItGoesOn() throws Exception {
    Run run = newRun();
    String actor = "user-" + run.tenant();
    assertControlRequested(run, null);

    control(run, "pause", Map.of("reason", "look first"))
        .then()
        .statusCode(202)
        .body("controlRequested.action", equalTo("pause"))
        .body("controlRequested.requestedBy", equalTo(actor))
        .body("controlRequested.reason", equalTo("look first"))
        .body("controlRequested.requestedAt", notNullValue());
    assertControlRequested(run, "pause");

    workflowRecords(run, "paused", RunEventTypes.RUN_PAUSED);
    assertControlRequested(run, null);

    control(run, "resume", null)
        .then()
        .statusCode(202)
        .body("controlRequested.action", equalTo("resume"))
        .body("controlRequested.reason", nullValue());
    assertControlRequested(run, "resume");

    workflowRecords(run, "running", RunEventTypes.RUN_RESUMED);
    assertControlRequested(run, null);
  }

  @Test
  void aResumeThatWithdrawsAPauseNotReachedLeavesNothingPending() throws Exception {
    Run run = newRun();
    control(run, "pause", null).then().statusCode(202);

    control(run, "resume", null).then().statusCode(202).body("controlRequested", nullValue());
    assertControlRequested(run, null);
  }

  @Test
  void aResumeIsPendingWhenTheRunReachedThePauseItWithdrewUntilTheRunGoesOn() throws Exception {
    Run run = newRun();
    control(run, "pause", null).then().statusCode(202);
    control(run, "resume", null).then().statusCode(202);

    // The workflow held at its boundary before the resume reached it: it goes on at once.
    workflowRecords(run, "paused", RunEventTypes.RUN_PAUSED);
    assertControlRequested(run, "resume");

    workflowRecords(run, "running", RunEventTypes.RUN_RESUMED);
    assertControlRequested(run, null);
  }

  @Test
  void aPendingCancelShowsInTheRunUntilItEnds() throws Exception {
    Run run = newRun();
    control(run, "pause", null).then().statusCode(202);

    control(run, "cancel", Map.of("reason", "wrong input"))
        .then()
        .statusCode(202)
        .body("controlRequested.action", equalTo("cancel"))
        .body("controlRequested.requestedBy", equalTo("user-" + run.tenant()))
        .body("controlRequested.reason", equalTo("wrong input"));
    // The pause taking effect meanwhile does not hide the cancel: a cancel always wins.
    workflowRecords(run, "cancelling", RunEventTypes.RUN_PAUSED);
    assertControlRequested(run, "cancel");

    workflowRecords(run, "cancelled", RunEventTypes.RUN_CANCELLED);
    assertControlRequested(run, null);
  }

  /** {@code controlRequested.action} of the run as it is read alone and as it is listed. */
  private static void assertControlRequested(Run run, String action) {
    var one = as(runner(run.tenant())).get("/v1/runs/" + run.id()).then().statusCode(200);
    var listed =
        as(runner(run.tenant()))
            .get("/v1/runs")
            .then()
            .statusCode(200)
            .body("items.size()", equalTo(1));
    if (action == null) {
      one.body("controlRequested", nullValue());
      listed.body("items[0].controlRequested", nullValue());
    } else {
      one.body("controlRequested.action", equalTo(action));
      listed.body("items[0].controlRequested.action", equalTo(action));
    }
  }

  /**
   * What the worker writes when its workflow acts on a request (these tests run no worker): the
   * run's status and the event, through the same append function, in one transaction.
   */
  private static void workflowRecords(Run run, String status, String eventType)
      throws SQLException {
    String payload =
        eventType.equals(RunEventTypes.RUN_CANCELLED)
            ? "{\"status\": \"cancelled\", \"steps\": 0, \"totalTokens\": 0}"
            : "{\"step\": 0, \"actor\": \"user-" + run.tenant() + "\"}";
    try (Connection c = TestApi.db()) {
      c.setAutoCommit(false);
      try (PreparedStatement update = c.prepareStatement("update run set status = ? where id = ?");
          PreparedStatement append =
              c.prepareStatement("select append_run_event(?, ?, ?, ?, cast(? as jsonb))")) {
        update.setString(1, status);
        update.setObject(2, UUID.fromString(run.id()));
        update.executeUpdate();
        append.setString(1, run.tenant());
        append.setObject(2, UUID.fromString(run.id()));
        append.setString(3, "test:" + UUID.randomUUID());
        append.setString(4, eventType);
        append.setString(5, payload);
        append.executeQuery();
      }
      c.commit();
    }
  }

  @Test
  void aRunBeingCancelledCannotBePaused() throws Exception {
    Run run = newRun();
    control(run, "cancel", null).then().statusCode(202);

    control(run, "pause", null)
        .then()
        .statusCode(409)
        .body("detail", containsString("its status is cancelling"));
    assertThat(signals(run)).containsExactly("cancel");
  }

  @Test
  void anotherTenantsRunIsNotFoundForEveryAction() throws Exception {
    Run run = newRun();
    String stranger = TestApi.newTenant();

    for (String action : List.of("cancel", "pause", "resume")) {
      as(runner(stranger))
          .post("/v1/runs/" + run.id() + "/" + action)
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
    }
    assertThat(events(run, RunEventTypes.RUN_CANCEL_REQUESTED)).isEmpty();
    assertThat(signals(run)).isEmpty();
  }

  @Test
  void aViewerMayNotControlARun() throws Exception {
    Run run = newRun();

    as(tokenWithRoles(run.tenant(), "viewer"))
        .post("/v1/runs/" + run.id() + "/cancel")
        .then()
        .statusCode(403);
    assertThat(signals(run)).isEmpty();
  }

  @Test
  void aReasonMustBeShortAndTheBodyMayBeOmittedEntirely() throws Exception {
    Run run = newRun();

    control(run, "pause", Map.of("reason", "x".repeat(1001)))
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    control(run, "pause", Map.of("reason", 7)).then().statusCode(400);
    control(run, "pause", Map.of("because", "no")).then().statusCode(400);
    RestAssured.given()
        .auth()
        .oauth2(runner(run.tenant()))
        .contentType("text/plain")
        .body("stop")
        .post("/v1/runs/" + run.id() + "/pause")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    assertThat(signals(run)).isEmpty();

    // No body and no Content-Type at all, as `curl -X POST` sends it (RestAssured always sends a
    // Content-Type, so the JDK client does this one).
    HttpResponse<String> bare =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            RestAssured.baseURI
                                + ":"
                                + RestAssured.port
                                + "/v1/runs/"
                                + run.id()
                                + "/cancel"))
                    .header("Authorization", "Bearer " + runner(run.tenant()))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(bare.statusCode()).isEqualTo(202);
    assertThat(bare.body()).contains("\"status\":\"cancelling\"");
  }

  @Test
  void aCancelTemporalMissedIsDeliveredLater() throws Exception {
    Run run = newRun();
    control(run, "cancel", null).then().statusCode(202);
    // As if Temporal had been unreachable when the cancel was accepted.
    TestApi.execute(
        "update run set cancel_delivered_at = null, updated_at = now() - interval '1 minute'"
            + " where id = ?",
        UUID.fromString(run.id()));

    // The API's own scheduled pass may take the row first (its lock skips rows another pass
    // holds), so a pass here may find nothing: either way the cancel is delivered once more.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                redelivery.redeliver(Duration.ofSeconds(30)) >= 0
                    && count(
                            "run",
                            "id = ? and cancel_delivered_at is not null",
                            UUID.fromString(run.id()))
                        == 1);

    assertThat(signals(run)).containsExactly("cancel", "cancel");
    assertThat(
            count("run", "id = ? and cancel_delivered_at is not null", UUID.fromString(run.id())))
        .isEqualTo(1);
  }

  private List<String> signals(Run run) {
    return temporal.fetchHistory(run.workflowId()).getHistory().getEventsList().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .map(HistoryEvent::getWorkflowExecutionSignaledEventAttributes)
        .map(a -> a.getSignalName())
        .toList();
  }

  private static List<String> events(Run run, String type) throws SQLException {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "select payload::text from run_event where run_id = ? and type = ? order by seq")) {
      s.setObject(1, UUID.fromString(run.id()));
      s.setString(2, type);
      try (var rs = s.executeQuery()) {
        List<String> out = new java.util.ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1));
        }
        return out;
      }
    }
  }

  private static void setStatus(Run run, String status) throws SQLException {
    TestApi.execute("update run set status = ? where id = ?", status, UUID.fromString(run.id()));
  }
}
