package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.model.ArtifactResponse;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(E2EStack.class)
class RunLifecycleIT {

  @Test
  void runSucceedsStoresItsOutputInTheObjectStoreAndRecordsAnOrderedCompleteTimeline()
      throws Exception {
    E2ETenant api = E2ETenant.newTenant(E2EStack.stack());
    api.createAgentOnOpenAi("writer", E2EStack.model().baseUrl(), 30);

    String runId = api.startRun("writer", "Hello, durable world");
    RunResponse run = api.awaitEnd(runId, Duration.ofSeconds(60));

    assertThat(run.getStatus().getValue()).isEqualTo("succeeded");
    assertThat(run.getSteps()).isEqualTo(2);
    assertThat(run.getTotalTokens()).isEqualTo(30);

    List<RunEventResponse> events = api.events(runId);
    assertThat(events)
        .extracting(RunEventResponse::getSeq)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, events.size()).boxed().toList());
    assertThat(api.eventTypes(runId))
        .containsExactly(
            "run.queued",
            "run.started",
            "model.call.completed",
            "artifact.created",
            "tool.call.completed",
            "model.call.completed",
            "artifact.created",
            "run.succeeded");

    List<ArtifactResponse> artifacts = api.artifacts(runId);
    assertThat(artifacts)
        .extracting(ArtifactResponse::getName)
        .containsExactlyInAnyOrder("output", "notes-1.txt");
    ObjectStoreReader store = new ObjectStoreReader(E2EStack.stack().infrastructure());
    for (ArtifactResponse artifact : artifacts) {
      String content = store.read(artifact.getObjectKey());
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      assertThat(artifact.getSizeBytes()).isEqualTo(bytes.length);
      assertThat(artifact.getSha256())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      if ("output".equals(artifact.getName())) {
        assertThat(content).isEqualTo("Done: Hello, durable world");
      } else {
        assertThat(content).isEqualTo("Hello, durable world");
      }
    }
  }
}
