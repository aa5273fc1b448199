package dev.agentruntime.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The first-try walk-through, over HTTP exactly as the printed curl sequence does it: create a
 * tenant, an agent and a version on the offline demo model, start a run, and wait until it ends.
 */
public final class DemoScenario {

  public static final String TENANT = "demo";
  public static final String AGENT = "notes";

  /** Body of {@code POST /v1/agents/{id}/versions}; the model is the offline demo provider. */
  public static final String VERSION_BODY =
      """
      {
        "spec": {
          "runtime": {"type": "builtin"},
          "model": {"provider": "demo"},
          "instructions": "You take notes. Store the user's message as an artifact, then answer briefly.",
          "tools": [
            {"name": "write_artifact", "kind": "write_artifact",
             "description": "Stores a text artifact of this run"}
          ],
          "limits": {"maxSteps": 4, "timeoutSeconds": 120},
          "retry": {"maxAttempts": 3, "initialIntervalMillis": 500, "attemptTimeoutSeconds": 30}
        }
      }
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String apiUrl;
  private final String adminToken;
  private final String tenantToken;
  private final PrintStream out;

  public DemoScenario(String apiUrl, String adminToken, String tenantToken, PrintStream out) {
    this.apiUrl = apiUrl;
    this.adminToken = adminToken;
    this.tenantToken = tenantToken;
    this.out = out;
  }

  /** Runs the walk-through; returns the final run. */
  public JsonNode run() throws IOException, InterruptedException {
    send("POST", "/v1/tenants", adminToken, "{\"id\":\"" + TENANT + "\",\"displayName\":\"Demo\"}");
    JsonNode agent = send("POST", "/v1/agents", tenantToken, "{\"name\":\"" + AGENT + "\"}");
    String agentId = agent.path("id").asText();
    if (agentId.isEmpty()) {
      for (JsonNode existing : send("GET", "/v1/agents", tenantToken, null)) {
        if (AGENT.equals(existing.path("name").asText())) {
          agentId = existing.path("id").asText();
        }
      }
    }
    JsonNode version =
        send("POST", "/v1/agents/" + agentId + "/versions", tenantToken, VERSION_BODY);
    out.printf("published %s v%s%n", AGENT, version.path("version").asText());
    JsonNode run =
        send(
            "POST",
            "/v1/runs",
            tenantToken,
            "{\"agentName\":\"" + AGENT + "\",\"input\":{\"message\":\"Hello, durable world\"}}");
    String runId = run.path("id").asText();
    out.printf("started run %s (workflow %s)%n", runId, run.path("workflowId").asText());
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!isTerminal(run) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      run = send("GET", "/v1/runs/" + runId, tenantToken, null);
    }
    out.printf("run %s is %s%n", runId, run.path("status").asText());
    for (JsonNode event : send("GET", "/v1/runs/" + runId + "/events", tenantToken, null)) {
      out.printf("  %3d %s%n", event.path("seq").asInt(), event.path("type").asText());
    }
    for (JsonNode artifact : send("GET", "/v1/runs/" + runId + "/artifacts", tenantToken, null)) {
      out.printf(
          "  artifact %s (%s, %d bytes) s3://%s%n",
          artifact.path("name").asText(),
          artifact.path("contentType").asText(),
          artifact.path("sizeBytes").asLong(),
          artifact.path("objectKey").asText());
    }
    return run;
  }

  private static boolean isTerminal(JsonNode run) {
    return switch (run.path("status").asText()) {
      case "succeeded", "failed", "cancelled", "timed_out" -> true;
      default -> false;
    };
  }

  private JsonNode send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    if (path.equals("/v1/runs") && "POST".equals(method)) {
      request.header("Idempotency-Key", "demo-first-run");
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400 && response.statusCode() != 409) {
      throw new IOException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }
}
