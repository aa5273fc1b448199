package dev.agentruntime.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The decider's side of a step, without the kernel: the bench JVM calls the fake model and the
 * Python agent directly, so the report can split a {@code TakeTurn} into what the agent process
 * spends and what the kernel spends around it. The model is sent the very requests the worker sent
 * it in the measured runs (recorded by {@link FakeOpenAiServer}); the agent gets protocol requests
 * with the same tool schema, under a fresh run id each round so that it computes every turn instead
 * of replaying a stored answer.
 */
final class EndpointProbes {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Durations (ns) of each exchange: both model calls, both turns, the manifest. */
  record Result(
      int rounds,
      List<Long> modelCall1,
      List<Long> modelCall2,
      List<Long> manifest,
      List<Long> turn1,
      List<Long> turn2) {}

  // A plain client with the worker's timeouts and no redirects: the probe times the deciders, not
  // the worker's transport (its egress client, OkHttp on pinned addresses).
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final JsonNode firstCall;
  private final JsonNode secondCall;
  private final String completions;
  private final String agentEndpoint;
  private final Result result;

  /** Takes the worker's requests from the calls the model has recorded so far. */
  EndpointProbes(FakeOpenAiServer model, String agentEndpoint, int rounds) {
    this.firstCall = lastCall(model.calls(), 0);
    this.secondCall = lastCall(model.calls(), 1);
    this.completions = model.baseUrl() + "/chat/completions";
    this.agentEndpoint = agentEndpoint;
    this.result =
        new Result(
            rounds,
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>());
  }

  Result result() {
    return result;
  }

  /** One round of each exchange, in the order a run makes them; recorded when {@code measured}. */
  void round(boolean measured) {
    long t0 = System.nanoTime();
    post(completions, firstCall, null);
    long t1 = System.nanoTime();
    post(completions, secondCall, null);
    long t2 = System.nanoTime();
    get(agentEndpoint + "/manifest");
    long t3 = System.nanoTime();
    String runId = UUID.randomUUID().toString();
    JsonNode answer1 =
        post(agentEndpoint + "/turns", turn(runId, 1, firstCall, null), runId + "/turn-1");
    long t4 = System.nanoTime();
    JsonNode answer2 =
        post(agentEndpoint + "/turns", turn(runId, 2, firstCall, answer1), runId + "/turn-2");
    long t5 = System.nanoTime();
    if (!answer1.has("toolCalls") || !answer2.has("output")) {
      throw new IllegalStateException("the agent answered " + answer1 + " then " + answer2);
    }
    if (measured) {
      result.modelCall1().add(t1 - t0);
      result.modelCall2().add(t2 - t1);
      result.manifest().add(t3 - t2);
      result.turn1().add(t4 - t3);
      result.turn2().add(t5 - t4);
    }
  }

  /** The body of the last model call the worker sent with {@code toolResults} tool messages. */
  private static JsonNode lastCall(List<FakeOpenAiServer.Call> calls, int toolResults) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      JsonNode request = calls.get(i).request();
      int tools = 0;
      for (JsonNode message : request.path("messages")) {
        tools += "tool".equals(message.path("role").asText()) ? 1 : 0;
      }
      if (tools == toolResults) {
        return request;
      }
    }
    throw new IllegalStateException("no model call with " + toolResults + " tool results recorded");
  }

  /**
   * A turn as docs/agent-protocol.md defines it, with the tools the worker offered the model (the
   * kernel derives both from the same spec); turn 2 carries turn 1's state and a tool result.
   */
  private static ObjectNode turn(String runId, int turn, JsonNode modelCall, JsonNode previous) {
    ObjectNode body = JSON.createObjectNode().put("protocol", "agent-runtime/v1");
    body.putObject("run")
        .put("id", runId)
        .put("tenantId", "bench")
        .put("agentVersionId", UUID.randomUUID().toString());
    body.put("turn", turn)
        .put("deadline", Instant.now().plusSeconds(30).toString())
        .put("instructions", "You write notes.");
    body.putObject("input").put("topic", "durable execution");
    body.set("state", previous == null ? null : previous.get("state"));
    ArrayNode tools = body.putArray("tools");
    for (JsonNode tool : modelCall.path("tools")) {
      JsonNode function = tool.path("function");
      tools
          .addObject()
          .put("name", function.path("name").asText())
          .put("description", function.path("description").asText())
          .set("parameters", function.path("parameters"));
    }
    ArrayNode results = body.putArray("toolResults");
    if (previous != null) {
      for (JsonNode call : previous.path("toolCalls")) {
        results
            .addObject()
            .put("callId", call.path("id").asText())
            .put("name", call.path("name").asText())
            .put("output", "stored artifact note.md (412 bytes, text/markdown)")
            .put("isError", false);
      }
    }
    return body;
  }

  private JsonNode post(String url, JsonNode body, String idempotencyKey) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      return send(request.build());
    } catch (IOException e) {
      throw new IllegalStateException("POST " + url + " failed: " + e, e);
    }
  }

  private JsonNode get(String url) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .GET()
            .build());
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            request.method() + " " + request.uri() + " answered " + response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
