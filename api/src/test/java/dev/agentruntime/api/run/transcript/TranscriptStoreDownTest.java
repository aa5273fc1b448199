package dev.agentruntime.api.run.transcript;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithoutS3Services;
import dev.agentruntime.api.run.TestRunHistory;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With the object store unreachable a conversation cannot be read: 503, never a 500. */
@QuarkusTest
@WithTestResource(value = WithoutS3Services.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TranscriptStoreDownTest {

  private static String startedRun(String tenant, String status) throws Exception {
    String runId = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "unlucky"));
    TestApi.execute(
        "update run set status = ?, steps = 1 where id = ?", status, UUID.fromString(runId));
    return runId;
  }

  @Test
  void aStartedRunsConversationIsRefusedAsUnavailable() throws Exception {
    String tenant = TestApi.newTenant();
    String runId = startedRun(tenant, "running");

    as(tenantToken(tenant))
        .get("/v1/runs/" + runId + "/transcript")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("type", equalTo("https://agent-runtime.dev/problems/object-store-unavailable"));
  }

  @Test
  void queuedAndPurgedRunsAreAnsweredWithoutTheStore() throws Exception {
    String tenant = TestApi.newTenant();
    String queued = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "waiting"));
    String purged = startedRun(tenant, "succeeded");
    TestRunHistory.purged(purged);

    for (String runId : new String[] {queued, purged}) {
      as(tenantToken(tenant))
          .get("/v1/runs/" + runId + "/transcript")
          .then()
          .statusCode(200)
          .body("messages", empty());
    }
  }
}
