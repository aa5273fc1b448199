package dev.agentruntime.api.run.compare;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static dev.agentruntime.api.run.TestRunHistory.finished;
import static dev.agentruntime.api.run.TestRunHistory.modelCall;
import static dev.agentruntime.api.run.TestRunHistory.toolCall;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.TestArtifacts;
import dev.agentruntime.api.run.TestRunHistory;
import dev.agentruntime.storage.ObjectStore;
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
 * {@code GET /v1/runs/{a}/compare/{b}} on real PostgreSQL and S3: a run of version 1 and its replay
 * on version 2, their steps recorded through the schema's append function (so usage rows come from
 * its trigger) and their outputs stored as the worker stores them.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunComparisonTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Inject ObjectStore objects;

  private String tenant;
  private String agentId;
  private String a;
  private String b;

  /**
   * a (v1): step 1 asks write_artifact (80 in, 20 out), which runs; step 2 answers (40 in, 10 out);
   * 2 s. b (v2): step 1 asks write_artifact (60 in, 10 out), which fails; 1.5 s. The same JSON
   * answer, keys in another order.
   */
  @BeforeEach
  void twoFinishedRuns() throws Exception {
    tenant = TestApi.newTenant();
    agentId = TestApi.agentWithVersion(tenant, "triage");
    a = TestApi.startRun(tenant, agentId);
    TestApi.publish(tenant, agentId, "Be terse.");
    b =
        as(tenantToken(tenant))
            .body(Map.of("version", 2))
            .post("/v1/runs/" + a + "/replay")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    modelCall(tenant, a, 1, 80, 20, "write_artifact");
    toolCall(tenant, a, 1, 0, "write_artifact", true);
    modelCall(tenant, a, 2, 40, 10);
    finished(a, "succeeded", 2, 150, T0, T0.plusMillis(2000));
    TestArtifacts.store(
        objects, tenant, a, "output", "{\"answer\": \"yes\", \"score\": 1}", "application/json");
    modelCall(tenant, b, 1, 60, 10, "write_artifact");
    toolCall(tenant, b, 1, 0, "write_artifact", false);
    finished(b, "succeeded", 1, 70, T0, T0.plusMillis(1500));
    TestArtifacts.store(
        objects, tenant, b, "output", "{\"score\":1,\"answer\":\"yes\"}", "application/json");
  }

  @Test
  void aRunAndItsReplayCompareSideBySideWithTheirDifferences() {
    as(tokenWithRoles(tenant, "viewer"))
        .get("/v1/runs/" + a + "/compare/" + b)
        .then()
        .statusCode(200)
        .body("a.runId", equalTo(a))
        .body("a.agentVersion", equalTo(1))
        .body("a.status", equalTo("succeeded"))
        .body("a.finished", equalTo(true))
        .body("a.steps", equalTo(2))
        .body("a.totalTokens", equalTo(150))
        .body("a.usage.calls", equalTo(2))
        .body("a.usage.inputTokens", equalTo(120))
        .body("a.usage.outputTokens", equalTo(30))
        // 120 × 2.50 + 30 × 10 per million (the test profile's price of openai/gpt-test)
        .body("a.usage.cost", equalTo(0.0006f))
        .body("a.durationMillis", equalTo(2000))
        .body("a.output.contentType", equalTo("application/json"))
        .body("a.output.text", equalTo("{\"answer\": \"yes\", \"score\": 1}"))
        .body("a.source", nullValue())
        .body("b.runId", equalTo(b))
        .body("b.agentVersion", equalTo(2))
        .body("b.source.runId", equalTo(a))
        .body("b.source.kind", equalTo("replay"))
        .body("b.usage.inputTokens", equalTo(60))
        .body("b.durationMillis", equalTo(1500))
        .body("currency", equalTo("USD"))
        .body("differences.sameAgent", equalTo(true))
        .body("differences.sameVersion", equalTo(false))
        .body("differences.sameInput", equalTo(true))
        .body("differences.outputEqual", equalTo(true))
        .body("differences.outputComparedBy", equalTo("canonical-json"))
        .body("differences.steps", equalTo(-1))
        .body("differences.totalTokens", equalTo(-80))
        .body("differences.inputTokens", equalTo(-60))
        .body("differences.outputTokens", equalTo(-20))
        .body("differences.durationMillis", equalTo(-500))
        // 0.00025 - 0.0006
        .body("differences.cost", equalTo(-0.00035f))
        .body("differences.settled", equalTo(true))
        .body("steps.step", contains(1, 2))
        .body("steps[0].a.kind", equalTo("model"))
        .body("steps[0].a.tokens", equalTo(100))
        .body("steps[0].a.inputTokens", equalTo(80))
        .body("steps[0].a.finishReason", equalTo("tool_calls"))
        .body("steps[0].a.toolCalls.tool", contains("write_artifact"))
        .body("steps[0].a.toolCalls.outcome", contains("completed"))
        .body("steps[0].b.tokens", equalTo(70))
        .body("steps[0].b.toolCalls.outcome", contains("failed"))
        .body("steps[0].sameToolCalls", equalTo(false))
        .body("steps[1].a.tokens", equalTo(50))
        .body("steps[1].a.toolCalls.size()", equalTo(0))
        .body("steps[1].b", nullValue())
        .body("stepsTruncated", equalTo(false));
  }

  @Test
  void outputsThatDifferAreUnequalByTheirBytesAndTheOrderOfTheRunsSetsTheSignOfTheDeltas()
      throws Exception {
    String c = TestApi.startRun(tenant, agentId);
    finished(c, "succeeded", 1, 70, T0, T0.plusMillis(1000));
    TestArtifacts.store(objects, tenant, c, "output", "no", "text/plain");
    as(tenantToken(tenant))
        .get("/v1/runs/" + c + "/compare/" + a)
        .then()
        .statusCode(200)
        .body("differences.outputEqual", equalTo(false))
        .body("differences.outputComparedBy", equalTo("bytes"))
        .body("differences.steps", equalTo(1))
        .body("differences.totalTokens", equalTo(80))
        .body("differences.durationMillis", equalTo(1000))
        // c has no usage rows: its cost is 0, a's 0.0006
        .body("differences.cost", equalTo(0.0006f));
  }

  @Test
  void aRunNotFinishedComparesWhatItHasMarkedAsSuch() {
    String running = TestApi.startRun(tenant, agentId);
    as(tenantToken(tenant))
        .get("/v1/runs/" + a + "/compare/" + running)
        .then()
        .statusCode(200)
        .body("b.status", equalTo("queued"))
        .body("b.finished", equalTo(false))
        .body("b.output", nullValue())
        .body("b.durationMillis", nullValue())
        .body("differences.outputEqual", nullValue())
        .body("differences.outputComparedBy", nullValue())
        .body("differences.durationMillis", nullValue())
        .body("differences.settled", equalTo(false))
        .body("steps[0].b", nullValue());
  }

  @Test
  void runsOfDifferentAgentsCompareAndSaySo() {
    String otherAgent = TestApi.agentWithVersion(tenant, "researcher");
    String other = TestApi.startRun(tenant, otherAgent);
    as(tenantToken(tenant))
        .get("/v1/runs/" + a + "/compare/" + other)
        .then()
        .statusCode(200)
        .body("b.agentName", equalTo("researcher"))
        .body("differences.sameAgent", equalTo(false))
        .body("differences.sameVersion", equalTo(false));
  }

  @Test
  void aPurgedRunComparesByItsFiguresMarkedPurged() throws Exception {
    TestRunHistory.purged(b);
    TestApi.execute("delete from run_event where run_id = ?", UUID.fromString(b));
    TestApi.execute("delete from artifact where run_id = ?", UUID.fromString(b));
    as(tenantToken(tenant))
        .get("/v1/runs/" + a + "/compare/" + b)
        .then()
        .statusCode(200)
        .body("b.purged", equalTo(true))
        .body("b.steps", equalTo(1))
        .body("b.output", nullValue())
        .body("b.usage.inputTokens", equalTo(60))
        .body("differences.outputEqual", nullValue())
        .body("steps[0].b", nullValue());
  }

  @Test
  void aRunWithMoreStepsThanTheAnswerHoldsListsTheFirstOnesAndSaysSo() throws Exception {
    String longRun = TestApi.startRun(tenant, agentId);
    TestApi.execute(
        "select append_run_event(?, ?, 'step/' || i || '/model', 'model.call.completed',"
            + " jsonb_build_object('step', i, 'attempt', 1, 'tokens', 3, 'idempotencyKey', 'k' || i,"
            + " 'finishReason', 'tool_calls', 'toolCalls', jsonb_build_array()))"
            + " from generate_series(1, ?) i",
        tenant,
        UUID.fromString(longRun),
        RunComparisons.MAX_STEPS + 5);
    as(tenantToken(tenant))
        .get("/v1/runs/" + a + "/compare/" + longRun)
        .then()
        .statusCode(200)
        .body("stepsTruncated", equalTo(true))
        .body("steps.size()", equalTo(RunComparisons.MAX_STEPS))
        .body(
            "steps[" + (RunComparisons.MAX_STEPS - 1) + "].b.step",
            equalTo(RunComparisons.MAX_STEPS));
  }

  @Test
  void eitherRunOfAnotherTenantIsNotFound() {
    String other = TestApi.newTenant();
    String theirs = TestApi.startRun(other, TestApi.agentWithVersion(other, "triage"));
    for (String[] pair :
        new String[][] {
          {a, b}, {a, theirs}, {theirs, a}, {a, UUID.randomUUID().toString()},
        }) {
      as(tenantToken(tenant))
          .get("/v1/runs/" + pair[0] + "/compare/" + pair[1])
          .then()
          .statusCode(pair[0].equals(a) && pair[1].equals(b) ? 200 : 404);
    }
    as(tenantToken(other))
        .get("/v1/runs/" + a + "/compare/" + b)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(tenantToken(other))
        .get("/v1/runs/" + theirs + "/compare/" + a)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(tenantToken(tenant)).get("/v1/runs/" + a + "/compare/nope").then().statusCode(400);
  }
}
