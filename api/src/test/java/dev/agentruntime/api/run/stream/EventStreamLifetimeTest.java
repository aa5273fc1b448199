package dev.agentruntime.api.run.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.run.stream.SseClient.Frame;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code agent-runtime.streams.max-lifetime}, three seconds here: an open stream ends by itself.
 */
@QuarkusTest
@TestProfile(EventStreamLifetimeTest.ShortLifetime.class)
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EventStreamLifetimeTest {

  public static class ShortLifetime implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("agent-runtime.streams.max-lifetime", "3s");
    }
  }

  @Inject RunEventStreams streams;

  @Test
  void anOpenStreamEndsAtItsLifetimeAndTheClientResumesWhereItEnded() throws Exception {
    TestRuns.Run run = TestRuns.newRun(); // its token is valid for ten minutes
    String lastSeen;
    try (SseClient stream = SseClient.open(run.token(), run.events())) {
      assertThat(stream.nextEvent().id()).isEqualTo("1");
      TestRuns.append(run, "run.started");
      lastSeen = stream.nextEvent().id();
      assertThat(lastSeen).isEqualTo("2");
      // The run goes on, the stream does not: it ends cleanly, saying why.
      List<Frame> rest = stream.untilEnd(Duration.ofSeconds(15));
      assertThat(rest).allMatch(Frame::isComment);
      assertThat(rest.get(rest.size() - 1).comment()).contains("lifetime is over");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0);

    TestRuns.append(run, "model.call.completed");
    try (SseClient resumed =
        SseClient.open(run.token(), run.events(), Map.of("Last-Event-ID", lastSeen))) {
      assertThat(resumed.nextEvent().id()).isEqualTo("3");
    }
  }
}
