package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(E2EStack.class)
class RunLifecycleIT {

  @Test
  void runSucceedsStoresItsOutputInTheObjectStoreAndRecordsAnOrderedCompleteTimeline()
      throws Exception {
    ApiClient api = ApiClient.newTenant(E2EStack.stack());
    api.createAgentOnOpenAi("writer", E2EStack.model().baseUrl(), 30);

    String runId = api.startRun("writer", "Hello, durable world");
    JsonPath run = api.awaitEnd(runId, Duration.ofSeconds(60));

    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getInt("steps")).isEqualTo(2);
    assertThat(run.getLong("totalTokens")).isEqualTo(30);

    List<Map<String, Object>> events = api.events(runId);
    assertThat(events)
        .extracting(e -> e.get("seq"))
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

    List<Map<String, Object>> artifacts = api.artifacts(runId);
    assertThat(artifacts)
        .extracting(a -> a.get("name"))
        .containsExactlyInAnyOrder("output", "notes-1.txt");
    ObjectStoreReader store = new ObjectStoreReader(E2EStack.stack().infrastructure());
    for (Map<String, Object> artifact : artifacts) {
      String content = store.read((String) artifact.get("objectKey"));
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      assertThat(((Number) artifact.get("sizeBytes")).longValue()).isEqualTo(bytes.length);
      assertThat(artifact.get("sha256"))
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      if ("output".equals(artifact.get("name"))) {
        assertThat(content).isEqualTo("Done: Hello, durable world");
      } else {
        assertThat(content).isEqualTo("Hello, durable world");
      }
    }
  }
}
