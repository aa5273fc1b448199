package dev.agentruntime.client;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.client.api.AgentsApi;
import dev.agentruntime.client.api.ApprovalsApi;
import dev.agentruntime.client.api.RunsApi;
import dev.agentruntime.client.api.SchedulesApi;
import dev.agentruntime.client.api.SecretsApi;
import dev.agentruntime.client.api.TenantsApi;
import dev.agentruntime.client.api.UsageApi;
import dev.agentruntime.client.api.WebhooksApi;
import dev.agentruntime.client.model.RunEventResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The entry point of the generated client: one API base URL and one bearer token for every call.
 * The operations are the generated {@code *Api} classes ({@link #runs()}, {@link #agents()}, ...);
 * the live event stream, which a generated client cannot read, is {@link #streamEvents}.
 *
 * <p>Thread-safe: the generated APIs share one {@link HttpClient}. An error answer is an {@link
 * ApiException} whose {@code getCode()} is the HTTP status and whose body is the problem+json.
 */
public final class AgentRuntimeClient {

  /** Connect timeout of every call. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Time to wait for an answer to one call (not for a live event stream, which has none). */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final ApiClient api;
  private final Supplier<String> token;

  private AgentRuntimeClient(ApiClient api, Supplier<String> token) {
    this.api = api;
    this.token = token;
  }

  /**
   * A client of the API at {@code baseUrl} (for example {@code http://localhost:8080}) that sends
   * {@code bearerToken} with every call.
   */
  public static AgentRuntimeClient create(String baseUrl, String bearerToken) {
    Objects.requireNonNull(bearerToken, "bearerToken");
    return create(baseUrl, () -> bearerToken);
  }

  /**
   * As above, asking {@code bearerToken} before each call, so that a token about to expire can be
   * replaced without a new client.
   */
  public static AgentRuntimeClient create(String baseUrl, Supplier<String> bearerToken) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(bearerToken, "bearerToken");
    URI uri = URI.create(baseUrl);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
    }
    // HTTP/1.1: on plain http the JDK client would otherwise try an h2c upgrade on each new
    // connection, and a live event stream holds its connection anyway.
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT);
    ApiClient api = new ApiClient(http, eventsAsTheyAre(), baseUrl.replaceAll("/+$", ""));
    api.setReadTimeout(READ_TIMEOUT);
    // The generated native client has no bearer scheme of its own: every request passes here.
    api.setRequestInterceptor(request -> request.setHeader("Authorization", bearer(bearerToken)));
    return new AgentRuntimeClient(api, bearerToken);
  }

  public TenantsApi tenants() {
    return new TenantsApi(api);
  }

  public AgentsApi agents() {
    return new AgentsApi(api);
  }

  public RunsApi runs() {
    return new RunsApi(api);
  }

  public ApprovalsApi approvals() {
    return new ApprovalsApi(api);
  }

  public SecretsApi secrets() {
    return new SecretsApi(api);
  }

  public UsageApi usage() {
    return new UsageApi(api);
  }

  public SchedulesApi schedules() {
    return new SchedulesApi(api);
  }

  public WebhooksApi webhooks() {
    return new WebhooksApi(api);
  }

  /**
   * The generated mapper, reading a run event as the one class it is. The document keys event
   * payloads by {@code type} (a discriminator over one schema per type); the generator, told to
   * keep one {@link RunEventResponse} with a free-form payload, still marks it polymorphic, and
   * Jackson would answer null for every type name it has no subclass for.
   */
  static ObjectMapper eventsAsTheyAre() {
    ObjectMapper json = ApiClient.createDefaultObjectMapper();
    json.addMixIn(RunEventResponse.class, NotPolymorphic.class);
    return json;
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
  private interface NotPolymorphic {}

  /** The generated client underneath: its base URI, object mapper and timeouts. */
  public ApiClient apiClient() {
    return api;
  }

  /**
   * Opens the run's live timeline ({@code GET /v1/runs/{runId}/events} as text/event-stream). It
   * starts after {@code lastEventId} (the seq of the last event already seen) or, when that is
   * null, at the first event, and ends after the run's terminal event.
   *
   * @throws ApiException with the answer's status and problem+json body when the stream is refused
   *     (404 for a run of another tenant, 429 when the tenant holds as many streams as it may)
   */
  public RunEventStream streamEvents(UUID runId, Integer lastEventId) throws ApiException {
    Objects.requireNonNull(runId, "runId");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.getBaseUri() + "/v1/runs/" + runId + "/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", bearer(token))
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", Integer.toString(lastEventId));
    }
    try {
      HttpResponse<InputStream> response =
          api.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        String body;
        try (InputStream in = response.body()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        throw new ApiException(
            response.statusCode(), "event stream refused", response.headers(), body);
      }
      return new RunEventStream(response.body(), api.getObjectMapper());
    } catch (java.io.IOException e) {
      throw new ApiException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(e);
    }
  }

  private static String bearer(Supplier<String> token) {
    return "Bearer " + Objects.requireNonNull(token.get(), "the bearer token supplier gave null");
  }
}
