package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(E2EStack.class)
class ModelRetryIT {

  @Test
  void modelEndpointFailingTwiceIsRetriedRecordedAndNothingIsDuplicated() {
    E2ETenant api = E2ETenant.newTenant(E2EStack.stack());
    api.createAgentOnOpenAi("flaky", E2EStack.model().baseUrl(), 30);
    FakeOpenAiServer model = E2EStack.model().failNext(2, 500);

    String runId = api.startRun("flaky", "retry me");
    RunResponse run = api.awaitEnd(runId, Duration.ofSeconds(60));

    assertThat(run.getStatus().getValue()).isEqualTo("succeeded");
    String workflowId = run.getWorkflowId();
    List<FakeOpenAiServer.Call> calls =
        model.calls().stream()
            .filter(
                c -> c.idempotencyKey() != null && c.idempotencyKey().startsWith(workflowId + "/"))
            .toList();
    // Step 1 was attempted three times under one idempotency key; step 2 once under another.
    assertThat(calls).hasSize(4);
    String firstStepKey = calls.get(0).idempotencyKey();
    assertThat(calls.subList(0, 3)).allMatch(c -> c.idempotencyKey().equals(firstStepKey));
    assertThat(calls).extracting(FakeOpenAiServer.Call::status).containsExactly(500, 500, 200, 200);

    List<RunEventResponse> failures =
        api.events(runId).stream()
            .filter(e -> "model.call.failed".equals(e.getType().getValue()))
            .toList();
    assertThat(failures).hasSize(2);
    assertThat(failures)
        .extracting(e -> e.getPayload().path("attempt").asInt())
        .containsExactly(1, 2);
    assertThat(api.eventTypes(runId)).filteredOn("model.call.completed"::equals).hasSize(2);
    assertThat(api.eventTypes(runId)).filteredOn("run.succeeded"::equals).hasSize(1);
    assertThat(api.artifacts(runId)).hasSize(2);
  }
}
