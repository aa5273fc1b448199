package dev.agentruntime.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.client.AgentRuntimeClient;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.ApiResponse;
import dev.agentruntime.client.RunStatuses;
import dev.agentruntime.client.model.AgentSpec;
import dev.agentruntime.client.model.CreateAgentRequest;
import dev.agentruntime.client.model.CreateRunRequest;
import dev.agentruntime.client.model.CreateTenantRequest;
import dev.agentruntime.client.model.LimitsSpec;
import dev.agentruntime.client.model.ModelSpec;
import dev.agentruntime.client.model.PublishVersionRequest;
import dev.agentruntime.client.model.RetrySpec;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.ToolSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The public HTTP API as the bench drives it: the generated client ({@link AgentRuntimeClient},
 * HTTP/1.1, one tenant token), and the sequences the phases repeat.
 */
final class BenchApi {

  private final String baseUrl;
  private final String token;
  private final AgentRuntimeClient client;

  BenchApi(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.client = AgentRuntimeClient.create(baseUrl, token);
  }

  AgentRuntimeClient client() {
    return client;
  }

  /** A call that must succeed; an error answer stops the bench with its status and body. */
  interface Call<T> {
    T call() throws ApiException;
  }

  static <T> T call(String what, Call<T> call) {
    try {
      return call.call();
    } catch (ApiException e) {
      throw new IllegalStateException(
          what + " answered " + e.getCode() + ": " + e.getResponseBody(), e);
    }
  }

  void createTenant(String tenant, String platformAdminToken) {
    AgentRuntimeClient admin = AgentRuntimeClient.create(baseUrl, platformAdminToken);
    call(
        "create tenant",
        () ->
            admin
                .tenants()
                .createTenant(new CreateTenantRequest().id(tenant).displayName("Bench " + tenant)));
  }

  /** Creates an agent whose version 1 calls an OpenAI-compatible model at {@code modelBaseUrl}. */
  void createAgent(String name, String modelBaseUrl) {
    createAgent(
        name,
        spec(
                "Store the user's message as an artifact, then answer.",
                "write_artifact",
                "Stores a text artifact of this run")
            .model(model(modelBaseUrl)));
  }

  /** The fake model at {@code baseUrl}, over the OpenAI API. */
  static ModelSpec model(String baseUrl) {
    return new ModelSpec()
        .provider(ModelSpec.ProviderEnum.OPENAI)
        .name("fake-gpt")
        .baseUrl(baseUrl);
  }

  /** The bench's limits and retry policy and one write_artifact tool; no decider yet. */
  static AgentSpec spec(String instructions, String toolName, String toolDescription) {
    return new AgentSpec()
        .instructions(instructions)
        .addToolsItem(
            new ToolSpec()
                .name(toolName)
                .kind(ToolSpec.KindEnum.WRITE_ARTIFACT)
                .description(toolDescription))
        .limits(new LimitsSpec().maxSteps(20).timeoutSeconds(300))
        .retry(new RetrySpec().maxAttempts(3).attemptTimeoutSeconds(30));
  }

  /** Creates an agent whose version 1 has {@code spec}. */
  void createAgent(String name, AgentSpec spec) {
    UUID agentId =
        call("create agent", () -> client.agents().createAgent(new CreateAgentRequest().name(name)))
            .getId();
    call(
        "publish version",
        () -> client.agents().publishVersion(agentId, new PublishVersionRequest().spec(spec)));
  }

  /**
   * Creates an agent whose version 1 is {@code spec} as JSON, sent as it is: for what the generated
   * client's model does not hold (the client's copy of the API document predates tools of kind
   * {@code agent}).
   */
  void createAgentFromJson(String name, ObjectNode spec) {
    UUID agentId =
        call("create agent", () -> client.agents().createAgent(new CreateAgentRequest().name(name)))
            .getId();
    ObjectNode body = JsonNodeFactory.instance.objectNode().set("spec", spec);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/agents/" + agentId + "/versions"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "publish version of " + name + " answered " + reply.statusCode() + ": " + reply.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("publish version of " + name + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POST /v1/runs without an idempotency key: its status and run, or the error answer. */
  ApiResponse<RunResponse> startRun(String agentName, String message) throws ApiException {
    return client.runs().startRunWithHttpInfo(request(agentName, input(message)), null);
  }

  /** POST /v1/runs expecting 202 (retrying 429 after a short pause); returns the run. */
  RunResponse startRunAccepted(String agentName, String message) {
    return startRunAccepted(agentName, input(message));
  }

  /** The same with the run's whole {@code input}. */
  RunResponse startRunAccepted(String agentName, ObjectNode input) {
    CreateRunRequest request = request(agentName, input);
    for (int attempt = 0; ; attempt++) {
      try {
        ApiResponse<RunResponse> reply = client.runs().startRunWithHttpInfo(request, null);
        if (reply.getStatusCode() == 202) {
          return reply.getData();
        }
        throw new IllegalStateException("start run answered " + reply.getStatusCode());
      } catch (ApiException e) {
        if (e.getCode() != 429 || attempt > 50) {
          throw new IllegalStateException(
              "start run answered " + e.getCode() + ": " + e.getResponseBody(), e);
        }
      }
      sleep(100);
    }
  }

  RunResponse run(String runId) {
    return call("read run", () -> client.runs().getRun(UUID.fromString(runId), null));
  }

  /** Polls GET /v1/runs/{id} every {@code interval} until the run is terminal. */
  RunResponse awaitEnd(String runId, Duration interval, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      RunResponse run = run(runId);
      if (RunStatuses.isTerminal(run)) {
        return run;
      }
      sleep(interval.toMillis());
    }
    throw new IllegalStateException("run " + runId + " did not end within " + timeout);
  }

  private static ObjectNode input(String message) {
    return JsonNodeFactory.instance.objectNode().put("message", message);
  }

  private static CreateRunRequest request(String agentName, ObjectNode input) {
    return new CreateRunRequest().agentName(agentName).input(input);
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
