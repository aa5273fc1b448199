package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.ApiException;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(E2EStack.class)
class IdempotentRunIT {

  @Test
  void concurrentRetriesOfOneRequestCreateOneRunThatExecutesOnce() {
    E2ETenant api = E2ETenant.newTenant(E2EStack.stack());
    api.createAgentOnOpenAi("once", E2EStack.model().baseUrl(), 30);

    List<CompletableFuture<String>> attempts =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> api.startRunWithKey("once", "exactly once", "client-retry-1")))
            .toList();
    List<String> runIds = attempts.stream().map(CompletableFuture::join).distinct().toList();

    assertThat(runIds).hasSize(1);
    String runId = runIds.get(0);
    String workflowId = api.awaitEnd(runId, Duration.ofSeconds(60)).getWorkflowId();
    assertThat(api.run(runId).getStatus().getValue()).isEqualTo("succeeded");
    long modelCalls =
        E2EStack.model().calls().stream()
            .map(FakeOpenAiServer.Call::idempotencyKey)
            .filter(k -> k != null && k.startsWith(workflowId + "/"))
            .count();
    assertThat(modelCalls).as("one execution: two model steps").isEqualTo(2);

    ApiException reused =
        E2ETenant.refusal(
            () ->
                api.client()
                    .runs()
                    .startRun(E2ETenant.runRequest("once", "another body"), "client-retry-1"));
    assertThat(reused.getCode()).isEqualTo(422);
    assertThat(reused.getResponseHeaders().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }
}
