package dev.agentruntime.api.run;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithoutS3Services;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With the object store unreachable a run is still read; only its bytes cannot be served. */
@QuarkusTest
@WithTestResource(value = WithoutS3Services.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ArtifactStoreDownTest {

  @Test
  void theRunIsAnsweredWithItsOutputsLinkAndNoText() throws Exception {
    String tenant = TestApi.newTenant();
    String runId = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "unlucky"));
    TestArtifacts.insertRow(
        tenant, runId, "output", "text/plain", 6, TestArtifacts.sha256("answer"));

    as(tenantToken(tenant))
        .get("/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("output.sizeBytes", equalTo(6))
        .body("output.text", nullValue())
        .body("output.href", equalTo("/v1/runs/" + runId + "/artifacts/output/content"));
  }

  @Test
  void theContentIsRefusedAsUnavailable() throws Exception {
    String tenant = TestApi.newTenant();
    String runId = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "unlucky"));
    TestArtifacts.insertRow(
        tenant, runId, "output", "text/plain", 6, TestArtifacts.sha256("answer"));

    as(tenantToken(tenant))
        .get("/v1/runs/" + runId + "/artifacts/output/content")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("type", equalTo("https://agent-runtime.dev/problems/object-store-unavailable"));
  }
}
