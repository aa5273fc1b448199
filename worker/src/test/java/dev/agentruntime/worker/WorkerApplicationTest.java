package dev.agentruntime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The packaged application: CDI wiring, configuration, start-up and readiness. */
@QuarkusTest
@QuarkusTestResource(value = WorkerServicesResource.class, restrictToAnnotatedClass = true)
class WorkerApplicationTest {

  @Inject WorkflowClient client;

  @TestHTTPResource("/q/health/ready")
  URI readiness;

  @Test
  void reportsReadyWhenDatabaseAndTemporalWorkerAreUp() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("temporal-worker").contains("\"UP\"");
  }

  @Test
  void executesARunStartedOnTheTaskQueue() {
    TestInfrastructure infra = TestInfrastructure.get();
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{\"message\": \"hello worker\"}");
    AgentRunWorkflow workflow =
        client.newWorkflowStub(
            AgentRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RunWorkflows.TASK_QUEUE)
                .setWorkflowId(RunHarness.workflowId(run))
                .build());

    RunOutcome outcome = workflow.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.runRow(run)).containsEntry("status", "succeeded");
  }
}
