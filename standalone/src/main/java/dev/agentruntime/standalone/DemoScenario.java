package dev.agentruntime.standalone;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentruntime.client.AgentRuntimeClient;
import dev.agentruntime.client.ApiClient;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.RunStatuses;
import dev.agentruntime.client.model.AgentResponse;
import dev.agentruntime.client.model.AgentVersionResponse;
import dev.agentruntime.client.model.ArtifactResponse;
import dev.agentruntime.client.model.CreateAgentRequest;
import dev.agentruntime.client.model.CreateRunRequest;
import dev.agentruntime.client.model.CreateTenantRequest;
import dev.agentruntime.client.model.PublishVersionRequest;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The first-try walk-through, with the generated client (docs/client.md), making the calls of the
 * printed curl sequence: create a tenant, an agent and a version on the offline demo model (the
 * very body the curl sequence posts), start a run, and wait until it ends.
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

  private final AgentRuntimeClient admin;
  private final AgentRuntimeClient tenant;
  private final PrintStream out;

  public DemoScenario(String apiUrl, String adminToken, String tenantToken, PrintStream out) {
    this.admin = AgentRuntimeClient.create(apiUrl, adminToken);
    this.tenant = AgentRuntimeClient.create(apiUrl, tenantToken);
    this.out = out;
  }

  /** Runs the walk-through; returns the final run. */
  public RunResponse run() throws ApiException, InterruptedException {
    // A second walk-through on the same home finds the tenant and the agent there (409).
    ignoreConflict(
        () ->
            admin.tenants().createTenant(new CreateTenantRequest().id(TENANT).displayName("Demo")));
    UUID agentId =
        ignoreConflict(() -> tenant.agents().createAgent(new CreateAgentRequest().name(AGENT)))
            .map(AgentResponse::getId)
            .orElseGet(this::existingAgent);
    AgentVersionResponse version = tenant.agents().publishVersion(agentId, versionRequest());
    out.printf("published %s v%s%n", AGENT, version.getVersion());
    CreateRunRequest start =
        new CreateRunRequest()
            .agentName(AGENT)
            .input(JsonNodeFactory.instance.objectNode().put("message", "Hello, durable world"));
    RunResponse run = tenant.runs().startRun(start, "demo-first-run");
    UUID runId = run.getId();
    out.printf("started run %s (workflow %s)%n", runId, run.getWorkflowId());
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!RunStatuses.isTerminal(run) && System.nanoTime() < deadline) {
      // A long poll: the API answers as soon as the run has ended, or after 20 s.
      run = tenant.runs().getRun(runId, 20);
    }
    out.printf("run %s is %s%n", runId, run.getStatus().getValue());
    for (RunEventResponse event : tenant.runs().listRunEvents(runId, null, null)) {
      out.printf("  %3d %s%n", event.getSeq(), event.getType().getValue());
    }
    for (ArtifactResponse artifact : tenant.runs().listArtifacts(runId)) {
      out.printf(
          "  artifact %s (%s, %d bytes) s3://%s%n",
          artifact.getName(),
          artifact.getContentType(),
          artifact.getSizeBytes(),
          artifact.getObjectKey());
    }
    return run;
  }

  /** {@link #VERSION_BODY} as the generated client's request. */
  public static PublishVersionRequest versionRequest() {
    try {
      return ApiClient.createDefaultObjectMapper()
          .readValue(VERSION_BODY, PublishVersionRequest.class);
    } catch (IOException e) {
      throw new IllegalStateException("the demo's version body must read as a request", e);
    }
  }

  private UUID existingAgent() {
    try {
      return tenant.agents().listAgents().stream()
          .filter(agent -> AGENT.equals(agent.getName()))
          .map(AgentResponse::getId)
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("agent " + AGENT + " exists but is not listed"));
    } catch (ApiException e) {
      throw new IllegalStateException("GET /v1/agents answered " + e.getCode(), e);
    }
  }

  private interface Call<T> {
    T call() throws ApiException;
  }

  /** The answer of {@code call}; empty when what it creates is already there (409). */
  private static <T> Optional<T> ignoreConflict(Call<T> call) throws ApiException {
    try {
      return Optional.of(call.call());
    } catch (ApiException e) {
      if (e.getCode() == 409) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
