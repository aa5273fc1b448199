package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

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
    ApiClient api = ApiClient.newTenant(E2EStack.stack());
    api.createAgentOnOpenAi("once", E2EStack.model().baseUrl(), 30);

    List<CompletableFuture<String>> attempts =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () ->
                            api.startRun("once", "exactly once", "client-retry-1")
                                .then()
                                .statusCode(202)
                                .extract()
                                .<String>path("id")))
            .toList();
    List<String> runIds = attempts.stream().map(CompletableFuture::join).distinct().toList();

    assertThat(runIds).hasSize(1);
    String runId = runIds.get(0);
    String workflowId = api.awaitEnd(runId, Duration.ofSeconds(60)).getString("workflowId");
    assertThat(api.run(runId).getString("status")).isEqualTo("succeeded");
    long modelCalls =
        E2EStack.model().calls().stream()
            .map(FakeOpenAiServer.Call::idempotencyKey)
            .filter(k -> k != null && k.startsWith(workflowId + "/"))
            .count();
    assertThat(modelCalls).as("one execution: two model steps").isEqualTo(2);

    api.startRun("once", "another body", "client-retry-1")
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
  }
}
