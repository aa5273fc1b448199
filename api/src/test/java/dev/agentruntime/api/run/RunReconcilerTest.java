package dev.agentruntime.api.run;

import static dev.agentruntime.api.TestApi.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.run.QueuedRun;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunReconcilerTest {

  @Inject RunAdmissionService runs;
  @Inject RunReconciler reconciler;
  @Inject WorkflowClient temporal;
  @Inject ObjectMapper json;

  private QueuedRun persistWithoutStarting(String tenant, String agentName) throws Exception {
    CreateRunRequest request =
        new CreateRunRequest(null, agentName, null, json.readTree("{\"q\":1}"));
    return runs.persistQueued(tenant, null, request, "reconciler-test");
  }

  @Test
  void aRunThatWasPersistedButNeverStartedIsStartedByTheReconciler() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "orphan");
    QueuedRun run = persistWithoutStarting(tenant, "orphan");
    assertThatThrownBy(() -> temporal.newUntypedWorkflowStub(run.workflowId()).describe())
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThat(count("run", "id = ? and dispatched_at is null", run.runId())).isEqualTo(1);

    assertThat(reconciler.reconcile(Duration.ZERO)).isGreaterThanOrEqualTo(1);

    assertThat(count("run", "id = ? and dispatched_at is not null", run.runId())).isEqualTo(1);
    assertThat(temporal.newUntypedWorkflowStub(run.workflowId()).describe().getWorkflowType())
        .isEqualTo("AgentRunWorkflow");
  }

  @Test
  void theReconcilerLeavesRunsYoungerThanTheGracePeriod() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "young");
    QueuedRun run = persistWithoutStarting(tenant, "young");

    reconciler.reconcile(Duration.ofHours(1));

    assertThat(count("run", "id = ? and dispatched_at is null", run.runId())).isEqualTo(1);
    assertThatThrownBy(() -> temporal.newUntypedWorkflowStub(run.workflowId()).describe())
        .isInstanceOf(WorkflowNotFoundException.class);
    reconciler.reconcile(Duration.ZERO);
    assertThat(count("run", "id = ? and dispatched_at is not null", run.runId())).isEqualTo(1);
  }
}
