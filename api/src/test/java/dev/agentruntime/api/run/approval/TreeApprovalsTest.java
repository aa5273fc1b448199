package dev.agentruntime.api.run.approval;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static dev.agentruntime.api.run.approval.TestApprovals.approval;
import static dev.agentruntime.api.run.approval.TestApprovals.later;
import static dev.agentruntime.api.run.approval.TestApprovals.newRun;
import static org.hamcrest.Matchers.contains;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.approval.TestApprovals.Run;
import dev.agentruntime.api.run.tree.TestTrees;
import dev.agentruntime.core.run.RunAdmissions;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A root's approvals are its whole tree's, each naming the run that waits: a person watching the
 * root sees every call below it that needs a decision. Rows written as the worker writes them.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TreeApprovalsTest {

  @Inject RunAdmissions admissions;

  @Test
  void aRootListsTheApprovalsOfEveryRunBelowItEachNamingItsRun() throws Exception {
    Run root = newRun();
    String childId = TestTrees.child(admissions, root.tenant(), root.id(), "gated");
    String grandchildId = TestTrees.child(admissions, root.tenant(), childId, "gated");
    Run child = new Run(root.tenant(), childId);
    Run grandchild = new Run(root.tenant(), grandchildId);
    String own = approval(root, "approved", later());
    String childs = approval(child, "pending", later());
    String grandchilds = approval(grandchild, "pending", later());

    as(tokenWithRoles(root.tenant(), "approver"))
        .get("/v1/runs/" + root.id() + "/approvals")
        .then()
        .statusCode(200)
        .body("id", contains(own, childs, grandchilds))
        .body("runId", contains(root.id(), childId, grandchildId))
        .body("status", contains("approved", "pending", "pending"));
    // A run inside the tree lists its own subtree; the run's page shows its own approvals only.
    as(tokenWithRoles(root.tenant(), "viewer"))
        .get("/v1/runs/" + childId + "/approvals")
        .then()
        .statusCode(200)
        .body("id", contains(childs, grandchilds))
        .body("runId", contains(childId, grandchildId));
    as(TestApi.tenantToken(root.tenant()))
        .get("/v1/runs/" + root.id())
        .then()
        .statusCode(200)
        .body("approvals.id", contains(own))
        .body("approvals.runId", contains(root.id()));
  }

  @Test
  void anotherTenantCannotListATreesApprovals() throws Exception {
    Run root = newRun();
    String childId = TestTrees.child(admissions, root.tenant(), root.id(), "gated");
    approval(new Run(root.tenant(), childId), "pending", later());

    as(tokenWithRoles(TestApi.newTenant(), "approver"))
        .get("/v1/runs/" + root.id() + "/approvals")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
