package dev.agentruntime.api.run.lineage;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.TestRunHistory;
import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.run.RunSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/runs/{runId}/lineage} on real PostgreSQL: first → replay (v2) → its replay (v1),
 * and a fork of the replay from step 3 admitted through the one admission path as a fork is.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunLineageTest {

  @Inject RunAdmissions admissions;

  private String tenant;
  private String agentId;
  private String first;
  private String replay;
  private String replayOfReplay;
  private String fork;

  @BeforeEach
  void lineage() {
    tenant = TestApi.newTenant();
    agentId = TestApi.agentWithVersion(tenant, "triage");
    first = TestApi.startRun(tenant, agentId);
    TestApi.publish(tenant, agentId, "Be terse.");
    replay = replay(first, 2);
    replayOfReplay = replay(replay, 1);
    fork = fork(replay, 3);
  }

  @Test
  void aRunsSourcesAreWalkedUpToTheFirstRunNearestFirst() {
    as(tokenWithRoles(tenant, "viewer"))
        .get("/v1/runs/" + replayOfReplay + "/lineage")
        .then()
        .statusCode(200)
        .body("runId", equalTo(replayOfReplay))
        .body("run.runId", equalTo(replayOfReplay))
        .body("run.agentVersion", equalTo(1))
        .body("run.source.runId", equalTo(replay))
        .body("run.source.kind", equalTo("replay"))
        .body("ancestors.runId", contains(replay, first))
        .body("ancestors.agentVersion", contains(2, 1))
        .body("ancestors.status", contains("queued", "queued"))
        .body("ancestors[0].source.runId", equalTo(first))
        .body("ancestors[0].source.kind", equalTo("replay"))
        .body("ancestors[1].source", nullValue())
        .body("ancestors.purged", contains(false, false))
        .body("ancestorsTruncated", equalTo(false))
        .body("derived", empty())
        .body("derivedTruncated", equalTo(false));
  }

  @Test
  void theRunsDerivedFromARunAreListedDirectOnlyWithHowManyCameFromEach() {
    as(tenantToken(tenant))
        .get("/v1/runs/" + first + "/lineage")
        .then()
        .statusCode(200)
        .body("run.source", nullValue())
        .body("run.derivedRuns", equalTo(1))
        .body("ancestors", empty())
        .body("derived.runId", contains(replay))
        .body("derived[0].derivedRuns", equalTo(2));
    as(tenantToken(tenant))
        .get("/v1/runs/" + replay + "/lineage")
        .then()
        .statusCode(200)
        .body("ancestors.runId", contains(first))
        .body("derived.runId", contains(replayOfReplay, fork))
        .body("derived.source.kind", contains("replay", "fork"))
        .body("derived.source.forkStep", contains(null, 3))
        .body("derived.derivedRuns", contains(0, 0));
  }

  @Test
  void aPurgedSourceStillAppearsByIdMarkedPurged() throws Exception {
    TestRunHistory.finished(first, "failed", 2, 40, Instant.now().minusSeconds(9), Instant.now());
    TestRunHistory.purged(first);
    as(tenantToken(tenant))
        .get("/v1/runs/" + replay + "/lineage")
        .then()
        .statusCode(200)
        .body("ancestors.runId", contains(first))
        .body("ancestors[0].purged", equalTo(true))
        .body("ancestors[0].status", equalTo("failed"));
  }

  @Test
  void anotherTenantsRunHasNoLineageToShow() {
    String other = TestApi.newTenant();
    for (String run : new String[] {first, replay, fork, UUID.randomUUID().toString()}) {
      as(tenantToken(other))
          .get("/v1/runs/" + run + "/lineage")
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
    }
    as(tenantToken(tenant)).get("/v1/runs/nope/lineage").then().statusCode(400);
  }

  private String replay(String source, int version) {
    return as(tenantToken(tenant))
        .body(Map.of("version", version))
        .post("/v1/runs/" + source + "/replay")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /** A fork as the fork endpoint admits one: origin fork, its source and first live step. */
  private String fork(String source, int fromStep) {
    UUID id = UUID.randomUUID();
    Admission admission =
        admissions.admit(
            new AdmissionRequest(
                    tenant,
                    id,
                    UUID.fromString(agentId),
                    null,
                    2,
                    "{}",
                    null,
                    "fork-" + id,
                    RunOrigin.FORK,
                    "user-" + tenant)
                .withSource(RunSource.fork(UUID.fromString(source), fromStep)));
    if (!(admission instanceof Admission.Admitted)) {
      throw new AssertionError("the fork was not admitted: " + admission);
    }
    return id.toString();
  }
}
