package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.standalone.Stack;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Approvals on the packaged API and worker over a real Temporal server: a person approves a tool
 * call through the API, and a worker killed right after the decision neither loses it nor runs the
 * tool twice.
 */
@ExtendWith(E2EStack.class)
class ApprovalIT {

  @Test
  void anApprovalSurvivesAWorkerKilledRightAfterItAndTheToolRunsOnce() {
    Stack stack = E2EStack.stack();
    ApiClient api = ApiClient.newTenant(stack);
    api.createGatedAgent("gated", E2EStack.model().baseUrl());
    String runId = api.startRun("gated", "approve me");

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "waiting_for_approval".equals(api.run(runId).getString("status")));
    JsonPath approvals = api.request().get("/v1/runs/" + runId + "/approvals").jsonPath();
    String approvalId = approvals.getString("[0].id");
    String sha = approvals.getString("[0].argumentsSha256");
    assertThat(approvals.getString("[0].status")).isEqualTo("pending");
    assertThat(approvals.getString("[0].arguments.content")).isEqualTo("approve me");

    long asked = System.nanoTime();
    api.request()
        .body(Map.of("decision", "approve", "argumentsSha256", sha, "comment", "fine"))
        .post("/v1/runs/" + runId + "/approvals/" + approvalId)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("approved"));
    System.out.printf(
        "approval confirmed synchronously after %d ms%n", (System.nanoTime() - asked) / 1_000_000);
    stack.killWorker();
    stack.startNewWorker();

    JsonPath run = api.awaitEnd(runId, Duration.ofSeconds(90));
    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getString("approvals[0].status")).isEqualTo("approved");
    assertThat(run.getString("approvals[0].decidedBy")).isNotBlank();
    List<String> types = api.eventTypes(runId);
    assertThat(types).filteredOn("tool.call.completed"::equals).hasSize(1);
    assertThat(types)
        .containsSubsequence(
            "approval.requested", "approval.decided", "tool.call.completed", "run.succeeded");
    assertThat(api.artifacts(runId)).extracting(a -> a.get("name")).contains("notes-1.txt");
    // The same decision again is answered from the record; another one is refused.
    api.request()
        .body(Map.of("decision", "approve", "argumentsSha256", sha))
        .post("/v1/runs/" + runId + "/approvals/" + approvalId)
        .then()
        .statusCode(200);
    api.request()
        .body(Map.of("decision", "deny", "argumentsSha256", sha))
        .post("/v1/runs/" + runId + "/approvals/" + approvalId)
        .then()
        .statusCode(409);
  }

  @Test
  void aDeniedCallIsAnsweredToTheModelAndTheRunGoesOn() {
    Stack stack = E2EStack.stack();
    ApiClient api = ApiClient.newTenant(stack);
    api.createGatedAgent("denied", E2EStack.model().baseUrl());
    String runId = api.startRun("denied", "deny me");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "waiting_for_approval".equals(api.run(runId).getString("status")));
    JsonPath approvals = api.request().get("/v1/runs/" + runId + "/approvals").jsonPath();

    api.request()
        .body(
            Map.of(
                "decision",
                "deny",
                "argumentsSha256",
                approvals.getString("[0].argumentsSha256"),
                "comment",
                "not today"))
        .post("/v1/runs/" + runId + "/approvals/" + approvals.getString("[0].id"))
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("denied"));

    assertThat(api.awaitEnd(runId, Duration.ofSeconds(60)).getString("status"))
        .isEqualTo("succeeded");
    assertThat(api.artifacts(runId)).extracting(a -> a.get("name")).doesNotContain("notes-1.txt");
    assertThat(api.eventTypes(runId)).contains("tool.call.failed");
  }
}
