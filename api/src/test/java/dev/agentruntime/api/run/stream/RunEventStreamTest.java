package dev.agentruntime.api.run.stream;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
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
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/runs/{id}/events} as {@code text/event-stream}, against real PostgreSQL: events
 * are appended through {@code append_run_event}, as the worker appends them, and reach open streams
 * through the database's notifications.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunEventStreamTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject RunEventStreams streams;

  private static List<String> ids(List<Frame> frames) {
    return frames.stream().map(Frame::id).toList();
  }

  @Test
  void aStreamSendsEventsAppendedWhileConnectedAndClosesAfterTheTerminalEvent() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    try (SseClient stream = SseClient.open(run.token(), run.events())) {
      Frame queued = stream.nextEvent();
      assertThat(queued.id()).isEqualTo("1");
      assertThat(queued.event()).isEqualTo("run.queued");

      assertThat(TestRuns.append(run, "run.started")).isEqualTo(2);
      assertThat(TestRuns.append(run, "model.call.completed")).isEqualTo(3);
      List<Frame> live = stream.events(2);
      assertThat(ids(live)).containsExactly("2", "3");
      assertThat(live)
          .extracting(Frame::event)
          .containsExactly("run.started", "model.call.completed");

      TestRuns.append(run, "run.succeeded");
      Frame last = stream.nextEvent();
      assertThat(last.id()).isEqualTo("4");
      assertThat(last.event()).isEqualTo("run.succeeded");
      stream.awaitEnd();

      // Each data: is exactly the JSON page's item for the same seq.
      String page = as(run.token()).get(run.events()).then().statusCode(200).extract().asString();
      JsonNode items = JSON.readTree(page);
      List<Frame> all = new ArrayList<>(List.of(queued));
      all.addAll(live);
      all.add(last);
      for (int i = 0; i < all.size(); i++) {
        assertThat(JSON.readTree(all.get(i).data())).isEqualTo(items.get(i));
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0);
  }

  @Test
  void lastEventIdResumesAfterItsSeqAndWinsOverAfterSeq() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    TestRuns.append(run, "run.started");
    TestRuns.append(run, "model.call.completed");
    TestRuns.append(run, "tool.call.completed");
    try (SseClient stream =
        SseClient.open(run.token(), run.events() + "?afterSeq=1", Map.of("Last-Event-ID", "2"))) {
      assertThat(ids(stream.events(2))).containsExactly("3", "4");
      TestRuns.append(run, "run.failed");
      assertThat(stream.nextEvent().id()).isEqualTo("5");
      stream.awaitEnd();
    }
  }

  @Test
  void afterSeqResumesAfterItsSeq() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    TestRuns.append(run, "run.started");
    TestRuns.append(run, "model.call.completed");
    try (SseClient stream = SseClient.open(run.token(), run.events() + "?afterSeq=2")) {
      assertThat(stream.nextEvent().id()).isEqualTo("3");
      TestRuns.append(run, "run.timed_out");
      assertThat(stream.nextEvent().id()).isEqualTo("4");
      stream.awaitEnd();
    }
  }

  @Test
  void aFinishedRunSendsWhatFollowsTheResumePointAndCloses() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    TestRuns.append(run, "run.started");
    TestRuns.append(run, "run.cancelled");
    try (SseClient stream = SseClient.open(run.token(), run.events())) {
      assertThat(ids(stream.events(3))).containsExactly("1", "2", "3");
      stream.awaitEnd();
    }
    try (SseClient stream =
        SseClient.open(run.token(), run.events(), Map.of("Last-Event-ID", "1"))) {
      assertThat(ids(stream.events(2))).containsExactly("2", "3");
      stream.awaitEnd();
    }
    // Resuming after the terminal event, or past the end, sends nothing and closes.
    for (String lastEventId : List.of("3", "1000")) {
      try (SseClient stream =
          SseClient.open(run.token(), run.events(), Map.of("Last-Event-ID", lastEventId))) {
        stream.awaitEnd();
      }
    }
  }

  @Test
  void aDroppedConnectionMidRunThenResumeGetsExactlyTheRest() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    int before = streams.openStreams();
    List<Frame> received = new ArrayList<>();
    try (SseClient first = SseClient.open(run.token(), run.events())) {
      received.add(first.nextEvent());
      TestRuns.append(run, "run.started");
      TestRuns.append(run, "model.call.completed");
      received.addAll(first.events(2));
    }
    // The server lets go of the dropped stream.
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == before);
    TestRuns.append(run, "tool.call.completed");
    TestRuns.append(run, "model.call.completed");
    String lastSeen = received.get(received.size() - 1).id();
    try (SseClient second =
        SseClient.open(run.token(), run.events(), Map.of("Last-Event-ID", lastSeen))) {
      received.addAll(second.events(2));
      TestRuns.append(run, "run.succeeded");
      received.add(second.nextEvent());
      second.awaitEnd();
    }
    assertThat(ids(received)).containsExactly("1", "2", "3", "4", "5", "6");
  }

  @Test
  void anIdleStreamGetsKeepAliveComments() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    try (SseClient stream = SseClient.open(run.token(), run.events())) {
      assertThat(stream.nextEvent().id()).isEqualTo("1");
      // The test profile sends one every second; the stream has nothing else to send.
      Frame comment = stream.next(Duration.ofSeconds(5));
      assertThat(comment.isComment()).isTrue();
      assertThat(comment.comment()).isEqualTo(" keep-alive");
      assertThat(comment.id()).isNull();
    }
  }

  @Test
  void anotherTenantsRunIs404BeforeAnyStream() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    String otherTenant = TestApi.newTenant();
    for (String runId : List.of(run.id(), UUID.randomUUID().toString())) {
      HttpResponse<InputStream> response =
          SseClient.get(
              tenantToken(otherTenant),
              "/v1/runs/" + runId + "/events",
              Map.of("Accept", "text/event-stream"));
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      JsonNode problem = JSON.readTree(response.body().readAllBytes());
      assertThat(problem.path("type").asText()).endsWith("/not-found");
    }
  }

  @Test
  void aLastEventIdThatIsNotANonNegative32BitIntegerIs400() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    for (String bad : List.of("abc", "-1", "1.5", "2147483648", "99999999999", "+1", "0x1", "")) {
      HttpResponse<InputStream> response =
          SseClient.get(
              run.token(),
              run.events(),
              Map.of("Accept", "text/event-stream", "Last-Event-ID", bad));
      assertThat(response.statusCode()).as("Last-Event-ID '%s'", bad).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      JsonNode problem = JSON.readTree(response.body().readAllBytes());
      assertThat(problem.path("type").asText()).endsWith("/invalid-parameter");
      assertThat(problem.toString()).contains("Last-Event-ID");
    }
  }

  @Test
  void withoutTheEventStreamTypeTheEventsAreStillAJsonPage() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    TestRuns.append(run, "run.started");
    for (Map<String, String> headers :
        List.of(
            Map.<String, String>of(),
            Map.of("Accept", "application/json"),
            Map.of("Accept", "*/*"))) {
      HttpResponse<InputStream> response =
          SseClient.get(run.token(), run.events() + "?afterSeq=1", headers);
      assertThat(response.statusCode()).as("with %s", headers).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/json");
      JsonNode page = JSON.readTree(response.body().readAllBytes());
      assertThat(page.isArray()).isTrue();
      assertThat(page).hasSize(1);
      assertThat(page.get(0).path("seq").asInt()).isEqualTo(2);
    }
  }

  @Test
  void theListenerRecoversAfterItsConnectionIsKilledAndStreamsGetLaterEvents() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    try (SseClient stream = SseClient.open(run.token(), run.events())) {
      assertThat(stream.nextEvent().id()).isEqualTo("1");
      await().atMost(Duration.ofSeconds(15)).until(() -> listenerPid() != 0);
      int killed = listenerPid();
      try (Connection c = TestApi.db();
          PreparedStatement s = c.prepareStatement("select pg_terminate_backend(?)")) {
        s.setInt(1, killed);
        s.execute();
      }
      // Appended at once, most likely while the listener is away: its notification is lost, and
      // the re-read after the reconnect must still deliver the event.
      TestRuns.append(run, "run.started");
      assertThat(stream.nextEvent().id()).isEqualTo("2");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> listenerPid() != killed && listenerPid() != 0);
      TestRuns.append(run, "model.call.completed");
      assertThat(stream.nextEvent().id()).isEqualTo("3");
      TestRuns.append(run, "run.succeeded");
      assertThat(stream.nextEvent().id()).isEqualTo("4");
      stream.awaitEnd();
    }
  }

  /** The backend pid of the API's listener connection; 0 while it has none. */
  private static int listenerPid() throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "select pid from pg_stat_activity where application_name = ? order by pid")) {
      s.setString(1, RunEventListener.APPLICATION_NAME);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }
}
