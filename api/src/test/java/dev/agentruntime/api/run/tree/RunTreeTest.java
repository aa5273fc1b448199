package dev.agentruntime.api.run.tree;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static dev.agentruntime.api.run.tree.TestTrees.child;
import static dev.agentruntime.api.run.tree.TestTrees.spent;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.run.RunAdmissions;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tree of runs through the API on real PostgreSQL: a root started by {@code POST /v1/runs},
 * children and a grandchild admitted through the one admission path as the worker admits them.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunTreeTest {

  @Inject RunAdmissions admissions;

  private String tenant;
  private String root;
  private String first;
  private String second;
  private String grandchild;

  /** root → first → grandchild, root → second; each with its own steps and tokens. */
  @BeforeEach
  void tree() throws Exception {
    tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "researcher");
    root = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "planner"));
    first = child(admissions, tenant, root, "researcher");
    second = child(admissions, tenant, root, "researcher");
    grandchild = child(admissions, tenant, first, "researcher");
    spent(root, 2, 100);
    spent(first, 3, 200);
    spent(second, 1, 50);
    spent(grandchild, 4, 400);
  }

  @Test
  void aRootsTreeListsEveryRunBelowItByDepthWithTheWholeTreesTotals() {
    as(tokenWithRoles(tenant, "viewer"))
        .get("/v1/runs/" + root + "/tree")
        .then()
        .statusCode(200)
        .body("runId", equalTo(root))
        .body("runs.id", contains(root, first, second, grandchild))
        .body("runs.parentRunId", contains(null, root, root, first))
        .body("runs.depth", contains(0, 1, 1, 2))
        .body("runs.agentName", contains("planner", "researcher", "researcher", "researcher"))
        .body("runs.agentVersion", contains(1, 1, 1, 1))
        .body("runs.status", contains("queued", "queued", "queued", "queued"))
        .body("runs.steps", contains(2, 3, 1, 4))
        .body("runs.totalTokens", contains(100, 200, 50, 400))
        .body("truncated", equalTo(false))
        .body("totals.runs", equalTo(4))
        .body("totals.steps", equalTo(10))
        .body("totals.totalTokens", equalTo(750));
  }

  @Test
  void aChildsTreeIsItsOwnSubtree() {
    as(tenantToken(tenant))
        .get("/v1/runs/" + first + "/tree")
        .then()
        .statusCode(200)
        .body("runs.id", contains(first, grandchild))
        .body("runs.depth", contains(1, 2))
        .body("totals.runs", equalTo(2))
        .body("totals.steps", equalTo(7))
        .body("totals.totalTokens", equalTo(600));
    as(tenantToken(tenant))
        .get("/v1/runs/" + second + "/tree")
        .then()
        .statusCode(200)
        .body("runs.id", contains(second))
        .body("totals.runs", equalTo(1))
        .body("totals.totalTokens", equalTo(50));
  }

  @Test
  void anotherTenantsTreeIsNotFoundAndShowsNothing() {
    String other = TestApi.newTenant();
    for (String run : new String[] {root, first, UUID.randomUUID().toString()}) {
      as(tenantToken(other))
          .get("/v1/runs/" + run + "/tree")
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
    }
    as(tenantToken(other))
        .get("/v1/runs?rootRunId=" + root)
        .then()
        .statusCode(200)
        .body("items", empty());
  }

  @Test
  void aRunShowsItsPlaceInTheTree() {
    as(tenantToken(tenant))
        .get("/v1/runs/" + grandchild)
        .then()
        .statusCode(200)
        .body("parentRunId", equalTo(first))
        .body("rootRunId", equalTo(root))
        .body("depth", equalTo(2))
        .body("origin", equalTo("parent"));
    as(tenantToken(tenant))
        .get("/v1/runs/" + root)
        .then()
        .statusCode(200)
        .body("parentRunId", nullValue())
        .body("rootRunId", nullValue())
        .body("depth", equalTo(0))
        .body("origin", equalTo("api"));
  }

  @Test
  void runsAreListedByParentOrByRoot() {
    as(tenantToken(tenant))
        .get("/v1/runs?parentRunId=" + root)
        .then()
        .statusCode(200)
        .body("items.id", contains(second, first))
        .body("items.depth", contains(1, 1));
    as(tenantToken(tenant))
        .get("/v1/runs?rootRunId=" + root)
        .then()
        .statusCode(200)
        .body("items.id", containsInAnyOrder(first, second, grandchild))
        .body("items.rootRunId", contains(root, root, root));
    as(tenantToken(tenant))
        .get("/v1/runs?parentRunId=" + first + "&rootRunId=" + root)
        .then()
        .statusCode(200)
        .body("items.id", contains(grandchild));
  }

  @Test
  void aCursorOfOneParentsListingIsRefusedForAnothers() {
    String page =
        as(tenantToken(tenant))
            .get("/v1/runs?limit=1&parentRunId=" + root)
            .then()
            .statusCode(200)
            .body("items.id", contains(second))
            .extract()
            .path("nextCursor");
    as(tenantToken(tenant))
        .get("/v1/runs?limit=1&parentRunId=" + root + "&cursor=" + page)
        .then()
        .statusCode(200)
        .body("items.id", contains(first));
    as(tenantToken(tenant))
        .get("/v1/runs?limit=1&parentRunId=" + first + "&cursor=" + page)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("cursor"));
  }

  @Test
  void aTreeFilterThatIsNoUuidIsABadRequestNamingIt() {
    as(tenantToken(tenant))
        .get("/v1/runs?parentRunId=nope")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("parentRunId"));
    as(tenantToken(tenant))
        .get("/v1/runs?rootRunId=")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("rootRunId"));
    as(tenantToken(tenant))
        .get("/v1/runs/nope/tree")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
