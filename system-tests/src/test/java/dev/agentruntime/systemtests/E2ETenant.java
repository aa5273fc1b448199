package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.client.AgentRuntimeClient;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.ApiResponse;
import dev.agentruntime.client.RunStatuses;
import dev.agentruntime.client.model.AgentSpec;
import dev.agentruntime.client.model.ArtifactResponse;
import dev.agentruntime.client.model.CreateAgentRequest;
import dev.agentruntime.client.model.CreateRunRequest;
import dev.agentruntime.client.model.CreateScheduleRequest;
import dev.agentruntime.client.model.CreateTenantRequest;
import dev.agentruntime.client.model.LimitsSpec;
import dev.agentruntime.client.model.ModelSpec;
import dev.agentruntime.client.model.PublishVersionRequest;
import dev.agentruntime.client.model.PutSecretRequest;
import dev.agentruntime.client.model.RetrySpec;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunPageResponse;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.ScheduleResponse;
import dev.agentruntime.client.model.ScheduleTiming;
import dev.agentruntime.client.model.ToolSpec;
import dev.agentruntime.client.model.UsageResponse;
import dev.agentruntime.embedded.DevTokens;
import dev.agentruntime.standalone.Stack;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One tenant of the stack under test, its token, and the generated client ({@link
 * AgentRuntimeClient}) that calls the public API as that tenant; plus the few sequences the tests
 * repeat (an agent on the fake model, waiting for a run to end). An error answer fails the test
 * with its status and problem+json body.
 */
final class E2ETenant {

  final String tenant;
  private final AgentRuntimeClient client;
  private final String token;

  private E2ETenant(String apiUrl, String tenant, String token) {
    this.tenant = tenant;
    this.client = AgentRuntimeClient.create(apiUrl, token);
    this.token = token;
  }

  /** An existing {@code tenant} that calls with {@code token} as it is. */
  static E2ETenant withToken(Stack stack, String tenant, String token) {
    return new E2ETenant(stack.apiUrl(), tenant, token);
  }

  /** Creates a fresh tenant (as platform admin) and returns a client for it. */
  static E2ETenant newTenant(Stack stack) {
    return newTenant(stack.apiUrl(), stack.tokens());
  }

  /** As above, against the API at {@code apiUrl} that trusts {@code tokens}' key. */
  static E2ETenant newTenant(String apiUrl, DevTokens tokens) {
    String tenant = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    AgentRuntimeClient admin =
        AgentRuntimeClient.create(apiUrl, tokens.platformAdmin(Duration.ofMinutes(5)));
    call(
        () ->
            admin
                .tenants()
                .createTenant(new CreateTenantRequest().id(tenant).displayName("E2E " + tenant)));
    return new E2ETenant(apiUrl, tenant, tokens.tenantAdmin(tenant, Duration.ofHours(1)));
  }

  /** A call of the generated client that must succeed. */
  interface Call<T> {
    T call() throws ApiException;
  }

  /** Makes {@code call}; an error answer fails the test with its status and body. */
  static <T> T call(Call<T> call) {
    try {
      return call.call();
    } catch (ApiException e) {
      throw new AssertionError("the API answered " + e.getCode() + ": " + e.getResponseBody(), e);
    }
  }

  /** The error answer {@code call} must get: its status, headers and problem+json body. */
  static ApiException refusal(Call<?> call) {
    Object answer;
    try {
      answer = call.call();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected an error answer, got " + answer);
  }

  /** The bearer token this tenant's calls carry (the console's sign-in takes it too). */
  String token() {
    return token;
  }

  AgentRuntimeClient client() {
    return client;
  }

  /** Creates an agent whose version 1 calls the model at {@code modelBaseUrl} (OpenAI API). */
  String createAgentOnOpenAi(String name, String modelBaseUrl, int attemptTimeoutSeconds) {
    return createAgentOnOpenAi(name, modelBaseUrl, attemptTimeoutSeconds, 6);
  }

  /**
   * As above, with {@code maxAttempts} per activity; retries wait 200 ms growing to 1 s, so 100
   * attempts ride out an outage of more than a minute. Only for tests about the retry policy: the
   * others publish with {@link #createAgentWithDefaults}, as a user would.
   */
  String createAgentOnOpenAi(
      String name, String modelBaseUrl, int attemptTimeoutSeconds, int maxAttempts) {
    RetrySpec retry =
        new RetrySpec()
            .maxAttempts(maxAttempts)
            .initialIntervalMillis(200L)
            .backoffCoefficient(new BigDecimal("1.5"))
            .maxIntervalMillis(1000L)
            .attemptTimeoutSeconds(attemptTimeoutSeconds);
    return createAgent(name, notesSpec(modelBaseUrl, false).retry(retry));
  }

  /**
   * Creates an agent whose spec has no {@code retry} section, so it runs with the spec's defaults
   * (5 attempts, 1 s doubling to 30 s, 120 s per attempt): what the durability results must hold
   * for, since it is what a user gets.
   */
  String createAgentWithDefaults(String name, String modelBaseUrl) {
    return createAgent(name, notesSpec(modelBaseUrl, false));
  }

  /** An agent whose write_artifact tool waits for a person's approval of each call. */
  String createGatedAgent(String name, String modelBaseUrl) {
    return createAgent(name, notesSpec(modelBaseUrl, true));
  }

  /** Stores the user's message with write_artifact, on the OpenAI-compatible model there. */
  static AgentSpec notesSpec(String modelBaseUrl, boolean gated) {
    return new AgentSpec()
        .model(
            new ModelSpec()
                .provider(ModelSpec.ProviderEnum.OPENAI)
                .name("fake-gpt")
                .baseUrl(modelBaseUrl))
        .instructions("Store the user's message as an artifact, then answer.")
        .addToolsItem(
            new ToolSpec()
                .name("write_artifact")
                .kind(ToolSpec.KindEnum.WRITE_ARTIFACT)
                .description("Stores a text artifact of this run")
                .requiresApproval(gated))
        .limits(new LimitsSpec().maxSteps(8).timeoutSeconds(600));
  }

  /** Creates an agent whose version 1 is {@code spec}; answers its id. */
  String createAgent(String name, AgentSpec spec) {
    UUID agentId =
        call(() -> client.agents().createAgent(new CreateAgentRequest().name(name))).getId();
    call(() -> client.agents().publishVersion(agentId, new PublishVersionRequest().spec(spec)));
    return agentId.toString();
  }

  /** Stores {@code value} as the tenant's new secret {@code name}. */
  void putSecret(String name, String value) {
    call(() -> client.secrets().putSecret(name, new PutSecretRequest().value(value)));
  }

  /** The request {@link #startRun} sends. */
  static CreateRunRequest runRequest(String agentName, String message) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("message", message);
    return new CreateRunRequest().agentName(agentName).input(input);
  }

  /** Starts a run of {@code agentName} on {@code message}; answers its id. */
  String startRun(String agentName, String message) {
    return startRunWithKey(agentName, message, null);
  }

  /** As above, under the {@code Idempotency-Key} {@code key} (none when null); answered 202. */
  String startRunWithKey(String agentName, String message, String key) {
    ApiResponse<RunResponse> accepted =
        call(() -> client.runs().startRunWithHttpInfo(runRequest(agentName, message), key));
    assertThat(accepted.getStatusCode()).as("POST /v1/runs").isEqualTo(202);
    return accepted.getData().getId().toString();
  }

  RunResponse run(String runId) {
    return call(() -> client.runs().getRun(UUID.fromString(runId), null));
  }

  RunResponse.StatusEnum status(String runId) {
    return run(runId).getStatus();
  }

  /** Waits until the run reaches a terminal status and returns it. */
  RunResponse awaitEnd(String runId, Duration timeout) {
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> RunStatuses.TERMINAL.contains(status(runId)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "run "
              + runId
              + " did not end within "
              + timeout
              + ": "
              + run(runId)
              + "\nevents: "
              + events(runId),
          e);
    }
    return run(runId);
  }

  List<RunEventResponse> events(String runId) {
    return call(() -> client.runs().listRunEvents(UUID.fromString(runId), null, null));
  }

  List<String> eventTypes(String runId) {
    return events(runId).stream().map(e -> e.getType().getValue()).toList();
  }

  /** Ids of all the tenant's runs, newest first, read page by page. */
  List<String> runIds() {
    return listRuns(null).stream().map(run -> run.getId().toString()).toList();
  }

  /** The runs a schedule of the tenant fired, every page. */
  List<RunResponse> scheduleRuns(UUID scheduleId) {
    return listRuns("schedule").stream().filter(r -> scheduleId.equals(r.getScheduleId())).toList();
  }

  /** The tenant's runs of {@code origin} (null: all), newest first, read page by page. */
  private List<RunResponse> listRuns(String origin) {
    List<RunResponse> all = new ArrayList<>();
    String cursor = null;
    do {
      String after = cursor;
      RunPageResponse page =
          call(
              () ->
                  client
                      .runs()
                      .listRuns(
                          null, null, null, null, after, 100, origin, null, null, null, null));
      all.addAll(page.getItems());
      cursor = page.getNextCursor();
    } while (cursor != null);
    return all;
  }

  /**
   * A schedule of {@code agentName} at {@code interval} with the input {@code {"message":
   * message}}, named after them; the caller adds the policies.
   */
  static CreateScheduleRequest schedule(String agentName, String interval, String message) {
    return new CreateScheduleRequest()
        .name(agentName + "-" + interval.toLowerCase(Locale.ROOT))
        .agentName(agentName)
        .input(JsonNodeFactory.instance.objectNode().put("message", message))
        .timing(new ScheduleTiming().interval(interval));
  }

  /** Creates the schedule; answers it as created. */
  ScheduleResponse createSchedule(CreateScheduleRequest request) {
    return call(() -> client.schedules().createSchedule(request));
  }

  /** The tenant's usage by model over the hour around now. */
  UsageResponse usageByModel() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return call(() -> client.usage().getUsage(now.minusHours(1), now.plusHours(1), "model", null));
  }

  List<ArtifactResponse> artifacts(String runId) {
    return call(() -> client.runs().listArtifacts(UUID.fromString(runId)));
  }
}
