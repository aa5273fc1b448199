package dev.agentruntime.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The public HTTP API as the bench drives it (JDK HttpClient, HTTP/1.1, one tenant token). */
final class BenchApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private final String token;

  BenchApi(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** A response: its status and JSON body (null when empty). */
  record Reply(int status, JsonNode body) {}

  Reply post(String path, Object body, String bearer) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + bearer)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .build();
      return reply(http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .GET()
              .build();
      return reply(http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Reply reply(HttpResponse<byte[]> response) throws IOException {
    byte[] body = response.body();
    return new Reply(response.statusCode(), body.length == 0 ? null : JSON.readTree(body));
  }

  private JsonNode expect(Reply reply, int status, String what) {
    if (reply.status() != status) {
      throw new IllegalStateException(what + " answered " + reply.status() + ": " + reply.body());
    }
    return reply.body();
  }

  void createTenant(String tenant, String platformAdminToken) {
    expect(
        post(
            "/v1/tenants",
            Map.of("id", tenant, "displayName", "Bench " + tenant),
            platformAdminToken),
        201,
        "create tenant");
  }

  /** Creates an agent whose version 1 calls an OpenAI-compatible model at {@code modelBaseUrl}. */
  void createAgent(String name, String modelBaseUrl) {
    Map<String, Object> spec =
        Map.of(
            "model", Map.of("provider", "openai", "name", "fake-gpt", "baseUrl", modelBaseUrl),
            "instructions", "Store the user's message as an artifact, then answer.",
            "tools",
                List.of(
                    Map.of(
                        "name", "write_artifact",
                        "kind", "write_artifact",
                        "description", "Stores a text artifact of this run")),
            "limits", Map.of("maxSteps", 20, "timeoutSeconds", 300),
            "retry", Map.of("maxAttempts", 3, "attemptTimeoutSeconds", 30));
    createAgent(name, spec);
  }

  /** Creates an agent whose version 1 has {@code spec}. */
  void createAgent(String name, Map<String, Object> spec) {
    String agentId =
        expect(post("/v1/agents", Map.of("name", name), token), 201, "create agent")
            .path("id")
            .asText();
    expect(
        post("/v1/agents/" + agentId + "/versions", Map.of("spec", spec), token),
        201,
        "publish version");
  }

  /** POST /v1/runs without an idempotency key. */
  Reply startRun(String agentName, String message) {
    return post(
        "/v1/runs", Map.of("agentName", agentName, "input", Map.of("message", message)), token);
  }

  /** POST /v1/runs expecting 202 (retrying 429 after a short pause); returns the run. */
  JsonNode startRunAccepted(String agentName, String message) {
    return startRunAccepted(agentName, Map.of("message", message));
  }

  /** The same with the run's whole {@code input}. */
  JsonNode startRunAccepted(String agentName, Map<String, Object> input) {
    for (int attempt = 0; ; attempt++) {
      Reply reply = post("/v1/runs", Map.of("agentName", agentName, "input", input), token);
      if (reply.status() == 202) {
        return reply.body();
      }
      if (reply.status() != 429 || attempt > 50) {
        throw new IllegalStateException(
            "start run answered " + reply.status() + ": " + reply.body());
      }
      sleep(100);
    }
  }

  JsonNode run(String runId) {
    return expect(get("/v1/runs/" + runId), 200, "read run");
  }

  /** Polls GET /v1/runs/{id} every {@code interval} until the run is terminal. */
  JsonNode awaitEnd(String runId, Duration interval, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode run = run(runId);
      String status = run.path("status").asText();
      if (List.of("succeeded", "failed", "cancelled", "timed_out").contains(status)) {
        return run;
      }
      sleep(interval.toMillis());
    }
    throw new IllegalStateException("run " + runId + " did not end within " + timeout);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
