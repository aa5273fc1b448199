package dev.agentruntime.api.run.approval;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static dev.agentruntime.api.run.approval.TestApprovals.SHA;
import static dev.agentruntime.api.run.approval.TestApprovals.approval;
import static dev.agentruntime.api.run.approval.TestApprovals.later;
import static dev.agentruntime.api.run.approval.TestApprovals.newRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.approval.TestApprovals.Run;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Approvals through the API on real PostgreSQL and Temporal. The rows are written here as the
 * worker writes them; with no worker running the run, a decision on a pending approval cannot be
 * confirmed, which is itself one of the answers tested (the worker's tests and the system tier
 * cover decisions the workflow takes).
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalResourceTest {

  private static io.restassured.response.Response decide(
      Run run, String approvalId, String decision, String sha) {
    Map<String, Object> body = new HashMap<>();
    body.put("decision", decision);
    body.put("argumentsSha256", sha);
    return as(tokenWithRoles(run.tenant(), "approver"))
        .body(body)
        .post("/v1/runs/" + run.id() + "/approvals/" + approvalId);
  }

  @Test
  void approvalsAreListedWithTheExactArgumentsAndShownOnTheRun() throws Exception {
    Run run = newRun();
    String id = approval(run, "pending", later());

    as(tokenWithRoles(run.tenant(), "viewer"))
        .get("/v1/runs/" + run.id() + "/approvals")
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].id", equalTo(id))
        .body("[0].status", equalTo("pending"))
        .body("[0].agentName", equalTo("gated"))
        .body("[0].toolName", equalTo("write_artifact"))
        .body("[0].arguments.name", equalTo("notes.txt"))
        .body("[0].argumentsSha256", equalTo(SHA))
        .body("[0].approverRoles", equalTo(java.util.List.of("approver", "agent-admin")));
    as(TestApi.tenantToken(run.tenant()))
        .get("/v1/runs/" + run.id())
        .then()
        .statusCode(200)
        .body("approvals[0].id", equalTo(id));
  }

  @Test
  void theSameDecisionAgainAnswersTheSameAndAnotherOneConflicts() throws Exception {
    Run run = newRun();
    String id = approval(run, "approved", later());

    decide(run, id, "approve", SHA)
        .then()
        .statusCode(200)
        .body("status", equalTo("approved"))
        .body("decidedBy", equalTo("carol"));
    decide(run, id, "deny", SHA)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", containsString("approval-already-decided"));
  }

  @Test
  void otherArgumentsAreAPreconditionFailureAndChangeNothing() throws Exception {
    Run run = newRun();
    String id = approval(run, "pending", later());

    String pendingHash =
        as(TestApi.tenantToken(run.tenant()))
            .get("/v1/runs/" + run.id() + "/approvals")
            .then()
            .extract()
            .path("[0].argumentsSha256");
    String answer =
        decide(run, id, "approve", "0".repeat(64))
            .then()
            .statusCode(412)
            .body("type", containsString("approval-arguments-mismatch"))
            .extract()
            .asString();
    // The answer does not hand out the hash to decide with, unread.
    assertThat(answer).doesNotContain(pendingHash);
    as(TestApi.tenantToken(run.tenant()))
        .get("/v1/runs/" + run.id() + "/approvals")
        .then()
        .body("[0].status", equalTo("pending"));
  }

  @Test
  void anExpiredApprovalIsGone() throws Exception {
    Run run = newRun();
    String expired = approval(run, "expired", Instant.now().minusSeconds(5));
    String overdue = approval(run, "pending", Instant.now().minusSeconds(1));

    decide(run, expired, "approve", SHA).then().statusCode(410);
    decide(run, overdue, "approve", SHA)
        .then()
        .statusCode(410)
        .body("type", containsString("approval-expired"));
  }

  @Test
  void aPendingDecisionTheRunCannotConfirmIs503AndRecordsNothing() throws Exception {
    Run run = newRun(); // its workflow exists, but no worker runs it here
    String id = approval(run, "pending", later());

    decide(run, id, "approve", SHA)
        .then()
        .statusCode(503)
        .header("Retry-After", equalTo("5"))
        .body("type", containsString("decision-not-confirmed"));
    as(TestApi.tenantToken(run.tenant()))
        .get("/v1/runs/" + run.id() + "/approvals")
        .then()
        .body("[0].status", equalTo("pending"));
  }

  @Test
  void badDecisionsAreRefusedAndOnlyApproversDecide() throws Exception {
    Run run = newRun();
    String id = approval(run, "pending", later());

    decide(run, id, "maybe", SHA).then().statusCode(400);
    decide(run, id, "approve", "ABC").then().statusCode(400);
    decide(run, "not-an-id", "approve", SHA)
        .then()
        .statusCode(400)
        .body("type", containsString("invalid-parameter"));
    decide(run, UUID.randomUUID().toString(), "approve", SHA).then().statusCode(404);
    as(tokenWithRoles(run.tenant(), "runner"))
        .body(Map.of("decision", "approve", "argumentsSha256", SHA))
        .post("/v1/runs/" + run.id() + "/approvals/" + id)
        .then()
        .statusCode(403);
  }

  @Test
  void withoutASeparateDeciderRequiredTheStarterMayDecide() throws Exception {
    Run run = newRun(); // started with the tenant admin's token, which may decide approvals too
    String decided = approval(run, "approved", later());
    String pending = approval(run, "pending", later());
    String starter = run.starter();

    as(starter)
        .body(Map.of("decision", "approve", "argumentsSha256", SHA))
        .post("/v1/runs/" + run.id() + "/approvals/" + decided)
        .then()
        .statusCode(200)
        .body("status", equalTo("approved"));
    // Sent on to the run (which no worker runs here), not refused.
    as(starter)
        .body(Map.of("decision", "approve", "argumentsSha256", SHA))
        .post("/v1/runs/" + run.id() + "/approvals/" + pending)
        .then()
        .statusCode(503)
        .body("type", containsString("decision-not-confirmed"));
  }

  @Test
  void anotherTenantsApprovalsAreNotFound() throws Exception {
    Run run = newRun();
    String id = approval(run, "pending", later());
    String stranger = TestApi.newTenant();

    as(TestApi.tenantToken(stranger))
        .get("/v1/runs/" + run.id() + "/approvals")
        .then()
        .statusCode(404);
    as(tokenWithRoles(stranger, "approver"))
        .body(Map.of("decision", "approve", "argumentsSha256", SHA))
        .post("/v1/runs/" + run.id() + "/approvals/" + id)
        .then()
        .statusCode(404);
  }
}
