package dev.agentruntime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client adds to the generated code, over real HTTP: the bearer token on every call, the
 * error answer as an {@link ApiException}, and the live timeline read frame by frame. The server
 * here answers with the API's documented shapes; the system tests run the same client against the
 * real API.
 */
class AgentRuntimeClientTest {

  private static final UUID RUN = UUID.fromString("0b7c6f3e-5d7a-4a43-9d2b-7f4a1c2e9a10");

  private HttpServer server;
  private final Map<String, String> headers = new ConcurrentHashMap<>();
  private String baseUrl;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/runs/" + RUN, this::run);
    server.createContext("/v1/runs/" + RUN + "/events", this::events);
    server.createContext("/v1/agents", exchange -> answer(exchange, 403, PROBLEM));
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void everyCallCarriesTheCurrentBearerToken() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AgentRuntimeClient client =
        AgentRuntimeClient.create(baseUrl, () -> "token-" + calls.incrementAndGet());

    RunResponse run = client.runs().getRun(RUN, null);
    assertThat(run.getId()).isEqualTo(RUN);
    assertThat(run.getStatus()).isEqualTo(RunResponse.StatusEnum.RUNNING);
    assertThat(run.getInput().path("message").asText()).isEqualTo("hi");
    assertThat(headers.get("run Authorization")).isEqualTo("Bearer token-1");

    client.runs().getRun(RUN, null);
    assertThat(headers.get("run Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void anErrorAnswerIsAnApiExceptionWithItsStatusAndProblem() {
    AgentRuntimeClient client = AgentRuntimeClient.create(baseUrl, "t");
    assertThatThrownBy(() -> client.agents().listAgents())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(403);
              assertThat(e.getResponseBody()).contains("\"status\":403");
            });
  }

  @Test
  void theLiveTimelineIsReadEventByEventUntilTheStreamEnds() throws Exception {
    AgentRuntimeClient client = AgentRuntimeClient.create(baseUrl, "t");
    List<String> seen = new ArrayList<>();
    try (RunEventStream stream = client.streamEvents(RUN, 1)) {
      for (RunEventResponse event = stream.next(); event != null; event = stream.next()) {
        seen.add(event.getSeq() + " " + event.getType().getValue() + " " + event.getPayload());
      }
      assertThat(stream.lastEventId()).isEqualTo(3);
    }
    // Comments are skipped, a data field over two lines is one JSON document.
    assertThat(seen)
        .containsExactly("2 run.started {}", "3 run.succeeded {\"output\":{\"answer\":\"done\"}}");
    assertThat(headers.get("events Accept")).isEqualTo("text/event-stream");
    assertThat(headers.get("events Last-Event-ID")).isEqualTo("1");
    assertThat(headers.get("events Authorization")).isEqualTo("Bearer t");
  }

  @Test
  void aRefusedStreamIsAnApiException() {
    AgentRuntimeClient client = AgentRuntimeClient.create(baseUrl, "t");
    UUID other = UUID.randomUUID();
    assertThatThrownBy(() -> client.streamEvents(other, null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void aBaseUrlThatIsNotAbsoluteIsRefused() {
    assertThatThrownBy(() -> AgentRuntimeClient.create("localhost:8080", "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final String PROBLEM =
      "{\"type\":\"https://agent-runtime.dev/problems/forbidden\",\"title\":\"Forbidden\","
          + "\"status\":403}";

  private void run(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/v1/runs/" + RUN)) {
      answer(exchange, 404, PROBLEM.replace("403", "404"));
      return;
    }
    headers.put("run Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
    answer(
        exchange,
        200,
        "{\"id\":\""
            + RUN
            + "\",\"status\":\"running\",\"input\":{\"message\":\"hi\"},"
            + "\"createdAt\":\"2026-12-06T21:00:00Z\",\"steps\":0,\"totalTokens\":0}");
  }

  private void events(HttpExchange exchange) throws IOException {
    for (String name : List.of("Accept", "Last-Event-ID", "Authorization")) {
      headers.put("events " + name, exchange.getRequestHeaders().getFirst(name));
    }
    String stream =
        ": keep-alive\n\n"
            + "id: 2\nevent: run.started\n"
            + "data: {\"seq\":2,\"type\":\"run.started\",\"payload\":{},"
            + "\"createdAt\":\"2026-12-06T21:00:01Z\"}\n\n"
            + ": keep-alive\n\n"
            + "id: 3\nevent: run.succeeded\n"
            + "data: {\"seq\":3,\"type\":\"run.succeeded\",\n"
            + "data: \"payload\":{\"output\":{\"answer\":\"done\"}},\"createdAt\":\"2026-12-06T21:00:02Z\"}\n\n";
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    byte[] body = stream.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .set("Content-Type", status < 400 ? "application/json" : "application/problem+json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
