package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.ApiResponse;
import dev.agentruntime.client.model.ArtifactResponse;
import dev.agentruntime.client.model.ForkRunRequest;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fork through the real API on the real Temporal dev server: step 1 of the source (a model call
 * and a write_artifact call) is reused as recorded, only step 2 is asked of the model, and the
 * artifact is not written again.
 */
@ExtendWith(E2EStack.class)
class ForkIT {

  @Test
  void aForkFromStep2ReusesStep1WithoutItsModelCallOrItsToolEffect() throws Exception {
    E2ETenant api = E2ETenant.newTenant(E2EStack.stack());
    api.createAgentOnOpenAi("forked", E2EStack.model().baseUrl(), 30);
    String sourceId = api.startRun("forked", "Ship the release");
    assertThat(api.awaitEnd(sourceId, Duration.ofSeconds(60)).getSteps()).isEqualTo(2);

    ApiResponse<RunResponse> accepted =
        E2ETenant.call(
            () ->
                api.client()
                    .runs()
                    .forkRunWithHttpInfo(
                        UUID.fromString(sourceId),
                        new ForkRunRequest()
                            .fromStep(2)
                            .inputPatch(
                                JsonNodeFactory.instance
                                    .objectNode()
                                    .put("message", "Ship the release today")),
                        null));
    assertThat(accepted.getStatusCode()).isEqualTo(202);
    String forkId = accepted.getData().getId().toString();
    RunResponse fork = api.awaitEnd(forkId, Duration.ofSeconds(60));

    assertThat(fork.getStatus().getValue()).isEqualTo("succeeded");
    assertThat(fork.getOrigin().getValue()).isEqualTo("fork");
    assertThat(fork.getSteps()).isEqualTo(2);
    assertThat(fork.getTotalTokens()).as("only step 2 was paid for").isEqualTo(15);
    assertThat(api.eventTypes(forkId))
        .containsExactly(
            "run.queued",
            "run.started",
            "step.reused",
            "model.call.completed",
            "artifact.created",
            "run.succeeded");
    String workflowId = fork.getWorkflowId();
    assertThat(
            E2EStack.model().calls().stream()
                .map(FakeOpenAiServer.Call::idempotencyKey)
                .filter(k -> k != null && k.startsWith(workflowId + "/")))
        .as("one model call: step 2")
        .hasSize(1);
    assertThat(api.artifacts(forkId))
        .extracting(ArtifactResponse::getName)
        .containsExactly("output");

    // Another tenant's fork of the same run finds no run.
    E2ETenant stranger = E2ETenant.newTenant(E2EStack.stack());
    ApiException refused =
        E2ETenant.refusal(
            () ->
                stranger
                    .client()
                    .runs()
                    .forkRun(UUID.fromString(sourceId), new ForkRunRequest().fromStep(1), null));
    assertThat(refused.getCode()).isEqualTo(404);
  }
}
