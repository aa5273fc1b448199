package dev.agentruntime.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.embedded.DevTokens;
import dev.agentruntime.standalone.Stack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/** The public HTTP API as the end-to-end tests use it: one tenant, its token, its calls. */
final class ApiClient {

  private final String apiUrl;
  final String tenant;
  private final String token;

  private ApiClient(String apiUrl, String tenant, String token) {
    this.apiUrl = apiUrl;
    this.tenant = tenant;
    this.token = token;
  }

  /** A client for an existing {@code tenant} that calls with {@code token} as it is. */
  static ApiClient withToken(Stack stack, String tenant, String token) {
    return new ApiClient(stack.apiUrl(), tenant, token);
  }

  /** Creates a fresh tenant (as platform admin) and returns a client for it. */
  static ApiClient newTenant(Stack stack) {
    return newTenant(stack.apiUrl(), stack.tokens());
  }

  /** As above, against the API at {@code apiUrl} that trusts {@code tokens}' key. */
  static ApiClient newTenant(String apiUrl, DevTokens tokens) {
    String tenant = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    given()
        .baseUri(apiUrl)
        .auth()
        .oauth2(tokens.platformAdmin(Duration.ofMinutes(5)))
        .contentType(ContentType.JSON)
        .body(Map.of("id", tenant, "displayName", "E2E " + tenant))
        .post("/v1/tenants")
        .then()
        .statusCode(201);
    return new ApiClient(apiUrl, tenant, tokens.tenantAdmin(tenant, Duration.ofHours(1)));
  }

  String token() {
    return token;
  }

  io.restassured.specification.RequestSpecification request() {
    return given().baseUri(apiUrl).auth().oauth2(token).contentType(ContentType.JSON);
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
    return createAgent(
        name,
        modelBaseUrl,
        Map.of(
            "maxAttempts",
            maxAttempts,
            "initialIntervalMillis",
            200,
            "backoffCoefficient",
            1.5,
            "maxIntervalMillis",
            1000,
            "attemptTimeoutSeconds",
            attemptTimeoutSeconds));
  }

  /**
   * Creates an agent whose spec has no {@code retry} section, so it runs with the spec's defaults
   * (5 attempts, 1 s doubling to 30 s, 120 s per attempt): what the durability results must hold
   * for, since it is what a user gets.
   */
  String createAgentWithDefaults(String name, String modelBaseUrl) {
    return createAgent(name, modelBaseUrl, null);
  }

  /** An agent whose write_artifact tool waits for a person's approval of each call. */
  String createGatedAgent(String name, String modelBaseUrl) {
    return createAgent(name, modelBaseUrl, null, true);
  }

  private String createAgent(String name, String modelBaseUrl, Map<String, Object> retry) {
    return createAgent(name, modelBaseUrl, retry, false);
  }

  private String createAgent(
      String name, String modelBaseUrl, Map<String, Object> retry, boolean gated) {
    Map<String, Object> spec = new HashMap<>();
    spec.put("model", Map.of("provider", "openai", "name", "fake-gpt", "baseUrl", modelBaseUrl));
    spec.put("instructions", "Store the user's message as an artifact, then answer.");
    spec.put(
        "tools",
        List.of(
            Map.of(
                "name", "write_artifact",
                "kind", "write_artifact",
                "description", "Stores a text artifact of this run",
                "requiresApproval", gated)));
    spec.put("limits", Map.of("maxSteps", 8, "timeoutSeconds", 600));
    if (retry != null) {
      spec.put("retry", retry);
    }
    return createAgent(name, spec);
  }

  /** Creates an agent whose version 1 is {@code spec}; answers its id. */
  String createAgent(String name, Map<String, Object> spec) {
    String agentId =
        request()
            .body(Map.of("name", name))
            .post("/v1/agents")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    request()
        .body(Map.of("spec", spec))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(201);
    return agentId;
  }

  /** Stores {@code value} as the tenant's new secret {@code name}. */
  void putSecret(String name, String value) {
    request().body(Map.of("value", value)).put("/v1/secrets/" + name).then().statusCode(201);
  }

  Response startRun(String agentName, String message, String idempotencyKey) {
    var request = request();
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request
        .body(Map.of("agentName", agentName, "input", Map.of("message", message)))
        .post("/v1/runs");
  }

  String startRun(String agentName, String message) {
    return startRun(agentName, message, null).then().statusCode(202).extract().path("id");
  }

  JsonPath run(String runId) {
    return request().get("/v1/runs/" + runId).then().statusCode(200).extract().jsonPath();
  }

  /** Waits until the run reaches a terminal status and returns it. */
  JsonPath awaitEnd(String runId, Duration timeout) {
    Set<String> terminal = Set.of("succeeded", "failed", "cancelled", "timed_out");
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> terminal.contains(run(runId).getString("status")));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "run "
              + runId
              + " did not end within "
              + timeout
              + ": "
              + run(runId).prettify()
              + "\nevents: "
              + events(runId),
          e);
    }
    return run(runId);
  }

  List<Map<String, Object>> events(String runId) {
    return request()
        .get("/v1/runs/" + runId + "/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  List<String> eventTypes(String runId) {
    return events(runId).stream().map(e -> (String) e.get("type")).toList();
  }

  /** Ids of all the tenant's runs, newest first, read page by page. */
  List<String> runIds() {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      var page = request().queryParam("limit", 100);
      if (cursor != null) {
        page.queryParam("cursor", cursor);
      }
      JsonPath body = page.get("/v1/runs").then().statusCode(200).extract().jsonPath();
      ids.addAll(body.getList("items.id", String.class));
      cursor = body.getString("nextCursor");
    } while (cursor != null);
    return ids;
  }

  List<Map<String, Object>> artifacts(String runId) {
    return request()
        .get("/v1/runs/" + runId + "/artifacts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }
}
