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

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.approval.TestApprovals.Run;
import dev.agentruntime.api.run.tree.TestTrees;
import dev.agentruntime.core.run.RunAdmissions;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code agent-runtime.approvals.require-separate-decider}: whoever started a run may not decide
 * its approvals, whatever roles their token has; anyone else who may decide still can.
 */
@QuarkusTest
@TestProfile(SeparateDeciderTest.SeparateDecider.class)
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SeparateDeciderTest {

  @Inject RunAdmissions admissions;

  public static class SeparateDecider implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("agent-runtime.approvals.require-separate-decider", "true");
    }
  }

  private static io.restassured.response.Response decide(
      String token, Run run, String approvalId, String decision) {
    return as(token)
        .body(Map.of("decision", decision, "argumentsSha256", SHA))
        .post("/v1/runs/" + run.id() + "/approvals/" + approvalId);
  }

  /**
   * Refused before the run is asked: a decision sent to it would answer 503 here, where no worker
   * runs the run to confirm it ({@link #anotherSubjectMayDecide}).
   */
  @Test
  void theStartersDecisionIsForbiddenAndNothingIsDecided() throws Exception {
    Run run = newRun();
    String pending = approval(run, "pending", later());
    long events = TestApi.count("run_event", "run_id = ?", UUID.fromString(run.id()));

    decide(run.starter(), run, pending, "approve")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://agent-runtime.dev/problems/approval-starter-may-not-decide"))
        .body("title", equalTo("Separate decider required"))
        .body(
            "detail", containsString("The person who started the run cannot decide its approvals"));

    as(run.starter())
        .get("/v1/runs/" + run.id() + "/approvals")
        .then()
        .body("[0].status", equalTo("pending"))
        .body("[0].decidedBy", equalTo(null));
    assertThat(TestApi.count("run_event", "run_id = ?", UUID.fromString(run.id())))
        .isEqualTo(events);
  }

  /** A child run was started by its parent, not a person: the root's starter counts for it. */
  @Test
  void theRootsStarterMayNotDecideTheApprovalOfARunBelowIt() throws Exception {
    Run root = newRun();
    Run child =
        new Run(root.tenant(), TestTrees.child(admissions, root.tenant(), root.id(), "gated"));
    String pending = approval(child, "pending", later());

    decide(root.starter(), child, pending, "approve")
        .then()
        .statusCode(403)
        .body(
            "type", equalTo("https://agent-runtime.dev/problems/approval-starter-may-not-decide"));
    as(root.starter())
        .get("/v1/runs/" + child.id() + "/approvals")
        .then()
        .body("[0].status", equalTo("pending"));
  }

  @Test
  void theStarterIsRefusedEvenWhenRepeatingADecisionTakenByAnother() throws Exception {
    Run run = newRun();
    String decided = approval(run, "approved", later());

    decide(run.starter(), run, decided, "approve").then().statusCode(403);
    decide(tokenWithRoles(run.tenant(), "approver"), run, decided, "approve")
        .then()
        .statusCode(200)
        .body("status", equalTo("approved"))
        .body("decidedBy", equalTo("carol"));
  }

  @Test
  void anotherSubjectMayDecide() throws Exception {
    Run run = newRun();
    String pending = approval(run, "pending", later());

    // Sent on to the run, which no worker runs here: the answer is that it did not confirm.
    decide(tokenWithRoles(run.tenant(), "approver"), run, pending, "deny")
        .then()
        .statusCode(503)
        .body("type", containsString("decision-not-confirmed"));
  }

  @Test
  void anotherTenantStillLearnsNothing() throws Exception {
    Run run = newRun();
    String pending = approval(run, "pending", later());

    decide(TestApi.tenantToken(TestApi.newTenant()), run, pending, "approve")
        .then()
        .statusCode(404);
  }
}
