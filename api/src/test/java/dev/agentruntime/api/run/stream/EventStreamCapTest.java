package dev.agentruntime.api.run.stream;

import static dev.agentruntime.api.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.stream.SseClient.Frame;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cap on the event streams a tenant holds open ({@code agent-runtime.streams.max-per-tenant},
 * two here), and the end of a stream when its token expires (the maximum lifetime is the default
 * hour here, so nothing else ends it).
 */
@QuarkusTest
@TestProfile(EventStreamCapTest.TwoStreamsPerTenant.class)
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EventStreamCapTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static class TwoStreamsPerTenant implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("agent-runtime.streams.max-per-tenant", "2");
    }
  }

  private static HttpResponse<InputStream> tryOpen(TestRuns.Run run) throws Exception {
    return SseClient.get(run.token(), run.events(), Map.of("Accept", "text/event-stream"));
  }

  /** Whether a stream opens now; the one that opened is dropped again. */
  private static boolean opens(TestRuns.Run run) throws Exception {
    HttpResponse<InputStream> response = tryOpen(run);
    response.body().close();
    return response.statusCode() == 200;
  }

  @Test
  void overItsCapATenantsStreamIs429BeforeAnyStreamByteAndClosingOneFreesASlot() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    TestRuns.Run elsewhere = TestRuns.newRun(); // another tenant
    try (SseClient first = SseClient.open(run.token(), run.events());
        SseClient second = SseClient.open(run.token(), run.events())) {
      assertThat(first.nextEvent().id()).isEqualTo("1");
      assertThat(second.nextEvent().id()).isEqualTo("1");

      HttpResponse<InputStream> refused = tryOpen(run);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
      JsonNode problem = JSON.readTree(refused.body().readAllBytes());
      assertThat(problem.path("type").asText())
          .isEqualTo("https://agent-runtime.dev/problems/rate-limited");
      assertThat(problem.path("status").asInt()).isEqualTo(429);
      assertThat(problem.path("detail").asText()).contains("2 event streams open");

      // Another tenant has slots of its own; the JSON page is no stream and is not capped.
      try (SseClient other = SseClient.open(elsewhere.token(), elsewhere.events())) {
        assertThat(other.nextEvent().id()).isEqualTo("1");
      }
      as(run.token()).get(run.events()).then().statusCode(200);

      // The server notices the dropped client at its next write (a keep-alive, every second
      // here) and gives its slot back.
      first.close();
      await().atMost(Duration.ofSeconds(15)).until(() -> opens(run));

      // The stream that stayed open is unaffected.
      TestRuns.append(run, "run.started");
      assertThat(second.nextEvent().id()).isEqualTo("2");
    }
  }

  @Test
  void aStreamEndsWhenItsTokenExpires() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    String shortLived = TestApi.tokens().tenantAdmin(run.tenant(), Duration.ofSeconds(3));
    // exp is in whole seconds, at most 3 s from now.
    Instant expiresBy = Instant.now().plusSeconds(3);
    try (SseClient stream = SseClient.open(shortLived, run.events())) {
      assertThat(stream.nextEvent().id()).isEqualTo("1");
      List<Frame> rest = stream.untilEnd(Duration.ofSeconds(20));
      assertThat(Instant.now()).isAfter(expiresBy.minusSeconds(2));
      assertThat(rest).allMatch(Frame::isComment);
      assertThat(rest.get(rest.size() - 1).comment()).contains("the token expires");
    }
    // A fresh token resumes where the stream ended.
    TestRuns.append(run, "run.succeeded");
    try (SseClient resumed =
        SseClient.open(run.token(), run.events(), Map.of("Last-Event-ID", "1"))) {
      assertThat(resumed.nextEvent().id()).isEqualTo("2");
      resumed.awaitEnd();
    }
  }
}
