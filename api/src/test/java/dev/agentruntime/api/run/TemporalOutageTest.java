package dev.agentruntime.api.run;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithoutTemporalServices;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.embedded.LocalTemporal;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Accepted means it will execute: a run admitted while Temporal is down starts once it is back. */
@QuarkusTest
@WithTestResource(
    value = WithoutTemporalServices.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class TemporalOutageTest {

  @Inject RunReconciler reconciler;
  @Inject WorkflowClient temporal;

  @ConfigProperty(name = "agent-runtime.temporal.target")
  String target;

  @Test
  void aRunAcceptedWhileTemporalIsDownIsStartedWhenItIsBack() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "patient");
    String runId =
        as(tenantToken(tenant))
            .body(Map.of("agentName", "patient", "input", Map.of("x", 1)))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .body("status", equalTo("queued"))
            .extract()
            .path("id");
    UUID run = UUID.fromString(runId);
    assertThat(count("run", "id = ? and dispatched_at is null", run)).isEqualTo(1);
    assertThat(reconciler.reconcile(Duration.ZERO)).isZero();

    int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    try (LocalTemporal server = LocalTemporal.start(port)) {
      Instant deadline = Instant.now().plusSeconds(60);
      int started = 0;
      while (started == 0 && Instant.now().isBefore(deadline)) {
        started = reconciler.reconcile(Duration.ZERO);
        if (started == 0) {
          Thread.sleep(500);
        }
      }
      assertThat(started).isEqualTo(1);
      assertThat(count("run", "id = ? and dispatched_at is not null", run)).isEqualTo(1);
      String workflowId = RunWorkflows.workflowId(tenant, "patient", 1, run);
      assertThat(temporal.newUntypedWorkflowStub(workflowId).describe().getWorkflowType())
          .isEqualTo("AgentRunWorkflow");
    }
  }
}
