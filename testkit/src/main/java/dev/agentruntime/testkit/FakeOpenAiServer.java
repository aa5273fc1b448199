package dev.agentruntime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.embedded.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local OpenAI-compatible chat completions server for tests: the real LangChain4j OpenAI client
 * talks to it over HTTP. It stands in only for the paid LLM API. Its answers follow the
 * conversation, so concurrent runs each get a coherent dialogue:
 *
 * <ol>
 *   <li>while the request offers tools and holds fewer tool results than {@link #toolRounds}, it
 *       calls the first tool offered with {@code {"name": "notes-<round>.txt", "content": <the
 *       first user message>}};
 *   <li>otherwise it answers {@code "Done: " + <the first user message>} (another prefix for a
 *       model named in {@link #answerPrefix}).
 * </ol>
 *
 * Faults are injected on demand ({@link #failNext}, {@link #holdCall}), and every call is recorded
 * with its {@code Idempotency-Key} header so tests can prove what was called how often.
 */
public final class FakeOpenAiServer implements AutoCloseable {

  /**
   * A recorded call: when it arrived, its idempotency key (may be null), request body, the status
   * answered and its {@code Authorization} header (may be null; tests prove a key was sent).
   */
  public record Call(
      int number,
      Instant receivedAt,
      String idempotencyKey,
      JsonNode request,
      int status,
      String authorization) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Call> calls = new ArrayList<>();
  private final AtomicInteger callCounter = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus = 500;
  private volatile int toolRounds = 1;
  private volatile int parallelCalls = 1;
  private volatile String holdText;
  private volatile String toolArguments;
  private volatile Duration latency = Duration.ZERO;
  private final Map<String, String> answerPrefixes = new ConcurrentHashMap<>();
  private volatile int holdCallNumber = -1;
  private final AtomicReference<CountDownLatch> held = new AtomicReference<>(new CountDownLatch(1));
  private final AtomicReference<CountDownLatch> release =
      new AtomicReference<>(new CountDownLatch(1));

  private FakeOpenAiServer(HttpServer server) {
    this.server = server;
  }

  public static FakeOpenAiServer start() {
    return start(Ports.free());
  }

  public static FakeOpenAiServer start(int port) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
      FakeOpenAiServer fake = new FakeOpenAiServer(http);
      http.createContext("/v1/chat/completions", fake::handle);
      http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      http.start();
      return fake;
    } catch (IOException e) {
      throw new IllegalStateException("fake OpenAI server did not start", e);
    }
  }

  /** The base URL to put in a spec's {@code model.baseUrl}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /**
   * The arguments of the tool calls from now on, as a JSON object text; {@code null} goes back to
   * the default ({@code name} and {@code content} for an artifact).
   */
  public FakeOpenAiServer toolArguments(String json) {
    this.toolArguments = json;
    return this;
  }

  /**
   * How many tool calls each tool round asks for at once (default 1, of the first tool); with more,
   * call {@code i} (from 1) calls the request's tools in turn (the first, the second, ..., the
   * first again) with {@code content} "<user text> #i".
   */
  public FakeOpenAiServer parallelToolCalls(int calls) {
    this.parallelCalls = calls;
    return this;
  }

  /**
   * Requests for the model {@code model} are answered {@code prefix + <the first user message>}
   * instead of {@code "Done: ..."}: two agent versions on two model names answer differently, as a
   * changed spec would.
   */
  public FakeOpenAiServer answerPrefix(String model, String prefix) {
    answerPrefixes.put(model, prefix);
    return this;
  }

  /** Tool-call rounds before the final answer; default 1. */
  public FakeOpenAiServer toolRounds(int rounds) {
    this.toolRounds = rounds;
    return this;
  }

  /** Delay added before every answer. */
  public FakeOpenAiServer latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /** The next {@code count} calls answer {@code status} with an OpenAI-style error body. */
  public FakeOpenAiServer failNext(int count, int status) {
    this.failureStatus = status;
    this.failuresLeft.set(count);
    return this;
  }

  /** The {@code number}-th call (1-based, counting from now on) blocks until {@link #release()}. */
  public FakeOpenAiServer holdCall(int number) {
    held.set(new CountDownLatch(1));
    release.set(new CountDownLatch(1));
    this.holdCallNumber = callCounter.get() + number;
    return this;
  }

  /**
   * Every call whose first user message contains {@code text} blocks, from now on, until {@link
   * #release()}; {@link #awaitHeld} waits for the first of them.
   */
  public FakeOpenAiServer holdCallsContaining(String text) {
    held.set(new CountDownLatch(1));
    release.set(new CountDownLatch(1));
    this.holdText = text;
    return this;
  }

  /** Waits until the held call has arrived; false on timeout. */
  public boolean awaitHeld(Duration timeout) throws InterruptedException {
    return held.get().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void release() {
    release.get().countDown();
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized long callsWithKey(String idempotencyKey) {
    return calls.stream().filter(c -> idempotencyKey.equals(c.idempotencyKey())).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int number = callCounter.incrementAndGet();
      Instant receivedAt = Instant.now();
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String hold = holdText;
      if (number == holdCallNumber || (hold != null && firstUserText(request).contains(hold))) {
        held.get().countDown();
        try {
          release.get().await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!latency.isZero()) {
        try {
          Thread.sleep(latency);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        record(number, receivedAt, key, request, failureStatus, authorization);
        ObjectNode error = JSON.createObjectNode();
        error
            .putObject("error")
            .put("message", "injected failure")
            .put("type", "server_error")
            .put("code", "injected");
        send(exchange, failureStatus, error);
        return;
      }
      record(number, receivedAt, key, request, 200, authorization);
      send(exchange, 200, answer(request));
    }
  }

  private synchronized void record(
      int number,
      Instant receivedAt,
      String key,
      JsonNode request,
      int status,
      String authorization) {
    calls.add(new Call(number, receivedAt, key, request, status, authorization));
  }

  private static String firstUserText(JsonNode request) {
    for (JsonNode message : request.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        return message.path("content").asText();
      }
    }
    return "";
  }

  private ObjectNode answer(JsonNode request) {
    JsonNode messages = request.path("messages");
    String userText = "";
    int toolResults = 0;
    for (JsonNode message : messages) {
      String role = message.path("role").asText();
      if ("user".equals(role) && userText.isEmpty()) {
        userText = message.path("content").asText();
      } else if ("tool".equals(role)) {
        toolResults++;
      }
    }
    JsonNode tools = request.path("tools");
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    String finishReason;
    if (tools.isArray() && !tools.isEmpty() && toolResults < toolRounds) {
      String toolName = tools.get(0).path("function").path("name").asText();
      ObjectNode arguments =
          JSON.createObjectNode()
              .put("name", "notes-" + (toolResults + 1) + ".txt")
              .put("content", userText);
      String argumentsText = toolArguments != null ? toolArguments : arguments.toString();
      ArrayNode toolCalls = message.putNull("content").putArray("tool_calls");
      if (parallelCalls == 1) {
        toolCalls
            .addObject()
            .put("id", "call_" + (toolResults + 1))
            .put("type", "function")
            .putObject("function")
            .put("name", toolName)
            .put("arguments", argumentsText);
      }
      for (int i = 1; parallelCalls > 1 && i <= parallelCalls; i++) {
        toolCalls
            .addObject()
            .put("id", "call_" + (toolResults + 1) + "_" + i)
            .put("type", "function")
            .putObject("function")
            .put("name", tools.get((i - 1) % tools.size()).path("function").path("name").asText())
            .put("arguments", arguments.deepCopy().put("content", userText + " #" + i).toString());
      }
      finishReason = "tool_calls";
    } else {
      String prefix = answerPrefixes.getOrDefault(request.path("model").asText(), "Done: ");
      message.put("content", prefix + userText);
      finishReason = "stop";
    }
    ObjectNode response =
        JSON.createObjectNode()
            .put("id", "chatcmpl-" + callCounter.get())
            .put("object", "chat.completion")
            .put("created", System.currentTimeMillis() / 1000)
            .put("model", request.path("model").asText("fake"));
    ObjectNode choice = response.putArray("choices").addObject();
    choice.put("index", 0).set("message", message);
    choice.put("finish_reason", finishReason);
    response
        .putObject("usage")
        .put("prompt_tokens", 10)
        .put("completion_tokens", 5)
        .put("total_tokens", 15);
    return response;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
