package dev.agentruntime.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.ApiTestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the served document declares exactly the statuses the API can answer, and
 * every error answer is a problem+json {@code Problem}. A new endpoint fails this test until it is
 * added to {@link #EXPECTED}, with its statuses.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiOperationsTest {

  /**
   * Any operation: parameters, headers, token, roles, negotiation, limits, our faults. 413 and 415
   * too: the size limit and {@code @Consumes} apply to a GET as well (a GET with a non-JSON
   * Content-Type is refused).
   */
  private static final Set<String> COMMON =
      Set.of("400", "401", "403", "406", "413", "414", "415", "431", "500", "503");

  private static final Set<String> ID = Set.of("404");

  /** The one operation that also answers {@code text/event-stream}. */
  private static final String STREAMED = "GET /v1/runs/{runId}/events";

  /** The one operation that answers bytes in their own media type, not JSON: a download. */
  private static final String DOWNLOAD = "GET /v1/runs/{runId}/artifacts/{name}/content";

  /** The one operation without a token: a signed delivery to an inbound trigger. */
  private static final String TRIGGER_DELIVERY = "POST /v1/triggers/{id}";

  private static final Map<String, Set<String>> EXPECTED = new TreeMap<>();

  static {
    expect("POST /v1/tenants", statuses("201", "409"));
    expect("GET /v1/tenants", statuses("200"));
    expect("GET /v1/tenants/{id}", statuses("200"), ID);
    expect("GET /v1/tenants/{id}/policy", statuses("200"), ID);
    expect("POST /v1/tenants/{id}/suspend", statuses("200"), ID);
    expect("POST /v1/tenants/{id}/resume", statuses("200"), ID);
    expect("PUT /v1/tenants/{id}/policy", statuses("200"), ID);
    expect("DELETE /v1/tenants/{id}", statuses("202"), ID);
    expect("GET /v1/tenant-deletions/{id}", statuses("200"), ID);
    expect("POST /v1/agents", statuses("201", "409"));
    expect("GET /v1/agents", statuses("200"));
    expect("GET /v1/agents/{agentId}", statuses("200"), ID);
    expect("POST /v1/agents/{agentId}/versions", statuses("200", "201", "422"), ID);
    expect("GET /v1/agents/{agentId}/versions", statuses("200"), ID);
    expect("GET /v1/agents/{agentId}/versions/{version}", statuses("200"), ID);
    // 201 creates the alias its path names, 200 moves it; 412 a stale If-Match; 422 a version
    // the agent does not have.
    expect("PUT /v1/agents/{agentId}/aliases/{name}", statuses("200", "201", "412", "422"), ID);
    expect("GET /v1/agents/{agentId}/aliases", statuses("200"), ID);
    expect("GET /v1/agents/{agentId}/aliases/{name}", statuses("200"), ID);
    expect("DELETE /v1/agents/{agentId}/aliases/{name}", statuses("204", "412"), ID);
    expect("GET /v1/agents/{agentId}/aliases/{name}/history", statuses("200"), ID);
    expect("GET /v1/agents/{agentId}/export", statuses("200"), ID);
    // 409: a concurrent request created an agent of a name the files create; 422: a file that
    // cannot be applied (nothing is).
    expect("POST /v1/apply", statuses("200", "409", "422"));
    expect("POST /v1/runs", statuses("202", "404", "422", "429"));
    expect("GET /v1/runs", statuses("200"));
    expect("GET /v1/runs/{runId}", statuses("200"), ID);
    // 429: a stream over the tenant's cap of open streams.
    expect("GET /v1/runs/{runId}/events", statuses("200", "429"), ID);
    expect("GET /v1/runs/{runId}/artifacts", statuses("200"), ID);
    expect("GET /v1/runs/{runId}/tree", statuses("200"), ID);
    // 409: the source run's purge has begun; 422: the Idempotency-Key was used with another body.
    expect("POST /v1/runs/{runId}/replay", statuses("202", "409", "422", "429"), ID);
    expect("GET /v1/runs/{runId}/lineage", statuses("200"), ID);
    expect("GET /v1/runs/{runId}/compare/{otherRunId}", statuses("200"), ID);
    expect(DOWNLOAD, statuses("200"), ID);
    // 409: the stored conversation is over agent-runtime.transcript.max-bytes.
    expect("GET /v1/runs/{runId}/transcript", statuses("200", "409"), ID);
    expect("POST /v1/runs/{runId}/cancel", statuses("202", "409"), ID);
    expect("POST /v1/runs/{runId}/pause", statuses("202", "409"), ID);
    expect("POST /v1/runs/{runId}/resume", statuses("202", "409"), ID);
    // 409: the source has not ended, or is purged; 422: fromStep out of range, a pipeline, or a
    // key reused; 429: the tenant's admission rate or budget.
    expect("POST /v1/runs/{runId}/fork", statuses("202", "409", "422", "429"), ID);
    // 409: the run's purge has begun.
    expect("PUT /v1/runs/{runId}/hold", statuses("200", "409"), ID);
    expect("DELETE /v1/runs/{runId}/hold", statuses("204"), ID);
    expect("GET /v1/runs/{runId}/approvals", statuses("200"), ID);
    expect(
        "POST /v1/runs/{runId}/approvals/{approvalId}", statuses("200", "409", "410", "412"), ID);
    expect("GET /v1/approvals", statuses("200"));
    // A PUT creates what its path names: no 404. Its 503 is also an unconfigured secret store.
    expect("PUT /v1/secrets/{name}", statuses("200", "201", "422"));
    expect("GET /v1/secrets", statuses("200"));
    expect("GET /v1/secrets/{name}", statuses("200"), ID);
    expect("DELETE /v1/secrets/{name}", statuses("204"), ID);
    // 404 on create: the agent it names does not exist.
    expect("POST /v1/triggers", statuses("201", "404", "409"));
    expect("GET /v1/triggers", statuses("200"));
    expect("GET /v1/triggers/{id}", statuses("200"), ID);
    expect("PATCH /v1/triggers/{id}", statuses("200"), ID);
    expect("DELETE /v1/triggers/{id}", statuses("204"), ID);
    expect("POST /v1/triggers/{id}/rotate-secret", statuses("200"), ID);
    // A delivery: 409 a disabled trigger, 422 a delivery id reused with another body, 429 the
    // tenant's admission rate.
    expect(TRIGGER_DELIVERY, statuses("202", "409", "422", "429"), ID);
    // 404: a platform-admin named a tenant that does not exist.
    expect("GET /v1/usage", statuses("200"), ID);
    // 404 on create: the agent it names does not exist. Actions answer the schedule (200): they
    // create nothing a Location could name.
    expect("POST /v1/schedules", statuses("201", "404", "409"));
    expect("GET /v1/schedules", statuses("200"));
    expect("GET /v1/schedules/{id}", statuses("200"), ID);
    expect("PATCH /v1/schedules/{id}", statuses("200"), ID);
    expect("DELETE /v1/schedules/{id}", statuses("204"), ID);
    expect("POST /v1/schedules/{id}/pause", statuses("200"), ID);
    expect("POST /v1/schedules/{id}/unpause", statuses("200"), ID);
    expect("POST /v1/schedules/{id}/trigger", statuses("200"), ID);
    expect("POST /v1/schedules/{id}/backfill", statuses("200"), ID);
    expect("GET /v1/schedules/{id}/next-fires", statuses("200"), ID);
    expect("GET /v1/schedules/{id}/events", statuses("200"), ID);
    expect("POST /v1/webhooks", statuses("201", "409"));
    expect("GET /v1/webhooks", statuses("200"));
    expect("GET /v1/webhooks/{id}", statuses("200"), ID);
    expect("PATCH /v1/webhooks/{id}", statuses("200"), ID);
    expect("DELETE /v1/webhooks/{id}", statuses("204"), ID);
    expect("POST /v1/webhooks/{id}/rotate-secret", statuses("200"), ID);
    expect("GET /v1/webhooks/{id}/deliveries", statuses("200"), ID);
    expect("GET /v1/webhooks/{id}/deliveries/{deliveryId}", statuses("200"), ID);
    // 409: the webhook is disabled.
    expect("POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", statuses("202", "409"), ID);
  }

  /** Actions whose body is optional, so a bare {@code curl -X POST} reaches them. */
  private static final Set<String> OPTIONAL_BODY =
      Set.of(
          "POST /v1/runs/{runId}/cancel",
          "POST /v1/runs/{runId}/pause",
          "POST /v1/runs/{runId}/resume",
          "POST /v1/triggers/{id}/rotate-secret",
          "POST /v1/tenants/{id}/suspend",
          "POST /v1/tenants/{id}/resume",
          "POST /v1/schedules/{id}/pause",
          "POST /v1/schedules/{id}/unpause",
          "POST /v1/webhooks/{id}/rotate-secret",
          "POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver");

  /** Actions that take no body at all: what they do has nothing to say. */
  private static final Set<String> NO_BODY =
      Set.of("POST /v1/schedules/{id}/trigger", "PUT /v1/runs/{runId}/hold");

  @SafeVarargs
  private static void expect(String operation, Set<String>... groups) {
    Set<String> all = new TreeSet<>(COMMON);
    Stream.of(groups).forEach(all::addAll);
    EXPECTED.put(operation, all);
  }

  private static Set<String> statuses(String... codes) {
    return Set.of(codes);
  }

  private ServedDocument document;

  @BeforeEach
  void fetch() throws Exception {
    document = ServedDocument.fetch();
  }

  @Test
  void everyOperationDeclaresExactlyTheStatusesItCanAnswer() {
    Map<String, Set<String>> declared = new TreeMap<>();
    document
        .apiOperations()
        .forEach(
            (name, operation) -> {
              Set<String> codes = new TreeSet<>();
              operation.path("responses").fieldNames().forEachRemaining(codes::add);
              declared.put(name, codes);
            });
    assertThat(declared).isEqualTo(EXPECTED);
  }

  /**
   * The generated client (docs/client.md) names its classes by tag and its methods by operation id:
   * without them it would invent names from paths.
   */
  @Test
  void everyOperationHasItsOwnIdAndOneTag() {
    Set<String> ids = new TreeSet<>();
    document
        .apiOperations()
        .forEach(
            (name, operation) -> {
              String id = operation.path("operationId").asText();
              assertThat(id).as("%s operationId", name).matches("[a-z][A-Za-z]+");
              assertThat(ids.add(id)).as("%s operationId %s is unique", name, id).isTrue();
              assertThat(operation.path("tags")).as("%s tags", name).hasSize(1);
            });
  }

  @Test
  void everyErrorIsAProblemJsonAnswer() {
    document
        .apiOperations()
        .forEach(
            (name, operation) ->
                operation
                    .path("responses")
                    .fields()
                    .forEachRemaining(
                        entry -> {
                          if (entry.getKey().startsWith("2")) {
                            return;
                          }
                          JsonNode response = document.resolve(entry.getValue());
                          assertThat(response.path("description").asText())
                              .as("%s %s description", name, entry.getKey())
                              .isNotBlank();
                          JsonNode content = response.path("content");
                          assertThat(fieldNames(content))
                              .as("%s %s media types", name, entry.getKey())
                              .containsExactly("application/problem+json");
                          assertThat(
                                  content
                                      .path("application/problem+json")
                                      .path("schema")
                                      .path("$ref")
                                      .asText())
                              .as("%s %s schema", name, entry.getKey())
                              .isEqualTo("#/components/schemas/Problem");
                        }));
  }

  @Test
  void successAnswersAreJsonOfARealSchema() {
    document
        .apiOperations()
        .forEach(
            (name, operation) ->
                operation
                    .path("responses")
                    .fields()
                    .forEachRemaining(
                        entry -> {
                          if (!entry.getKey().startsWith("2")) {
                            return;
                          }
                          JsonNode content = document.resolve(entry.getValue()).path("content");
                          if (entry.getKey().equals("204")) {
                            assertThat(fieldNames(content)).as("%s 204", name).isEmpty();
                            return;
                          }
                          if (DOWNLOAD.equals(name)) {
                            // Any media type (the artifact's own), as bytes.
                            assertThat(fieldNames(content)).containsExactly("*/*");
                            JsonNode bytes = content.path("*/*").path("schema");
                            assertThat(bytes.path("type").asText()).isEqualTo("string");
                            assertThat(bytes.path("format").asText()).isEqualTo("binary");
                            return;
                          }
                          if (STREAMED.equals(name)) {
                            // The same timeline, live, for Accept: text/event-stream.
                            assertThat(fieldNames(content))
                                .as("%s %s", name, entry.getKey())
                                .containsExactly("application/json", "text/event-stream");
                            assertThat(
                                    content
                                        .path("text/event-stream")
                                        .path("schema")
                                        .path("type")
                                        .asText())
                                .isEqualTo("string");
                          } else {
                            assertThat(fieldNames(content))
                                .as("%s %s", name, entry.getKey())
                                .containsExactly("application/json");
                          }
                          JsonNode schema = content.path("application/json").path("schema");
                          JsonNode target = schema.has("items") ? schema.get("items") : schema;
                          assertThat(target.path("$ref").asText())
                              .as("%s %s schema", name, entry.getKey())
                              .startsWith("#/components/schemas/")
                              .endsWith("Response");
                        }));
  }

  @Test
  void responseHeadersAreDeclared() {
    document
        .apiOperations()
        .forEach(
            (name, operation) ->
                operation
                    .path("responses")
                    .fields()
                    .forEachRemaining(
                        entry -> {
                          JsonNode headers = document.resolve(entry.getValue()).path("headers");
                          String status = entry.getKey();
                          boolean creates =
                              status.equals("202")
                                  || (status.equals("201") && name.startsWith("POST"));
                          Set<String> expected = new TreeSet<>();
                          if (creates) {
                            expected.add("Location");
                          }
                          if (status.equals("409")
                              && (name.equals("POST /v1/agents")
                                  || name.equals("POST /v1/tenants"))) {
                            // An existing agent or tenant is named, so a rerun can go on with it.
                            expected.add("Location");
                          }
                          if ((name.equals("POST /v1/runs")
                                  || name.equals("POST /v1/runs/{runId}/fork")
                                  || name.equals("POST /v1/runs/{runId}/replay")
                                  || name.equals(TRIGGER_DELIVERY))
                              && status.equals("202")) {
                            // A repeated Idempotency-Key (or delivery id) says that it found the
                            // first run.
                            expected.add("Idempotent-Replayed");
                          }
                          if (name.equals(DOWNLOAD) && status.equals("200")) {
                            // The bytes' hash, the name to save them under, and no sniffing of
                            // a type other than the stored one.
                            expected.add("ETag");
                            expected.add("Content-Disposition");
                            expected.add("X-Content-Type-Options");
                          }
                          if (name.startsWith("PUT /v1/agents/{agentId}/aliases/")
                              || name.equals("GET /v1/agents/{agentId}/aliases/{name}")) {
                            if (status.equals("200") || status.equals("201")) {
                              // The alias's revision, for a conditional move (If-Match).
                              expected.add("ETag");
                            }
                          }
                          if (status.equals("429") || status.equals("503")) {
                            expected.add("Retry-After");
                          }
                          if (status.equals("401")) {
                            expected.add("WWW-Authenticate");
                          }
                          assertThat(fieldNames(headers))
                              .as("%s %s headers", name, status)
                              .isEqualTo(expected);
                          headers.forEach(
                              header ->
                                  assertThat(document.resolve(header).has("schema")).isTrue());
                        }));
  }

  @Test
  void theProblemSchemaIsRfc9457WithViolations() {
    JsonNode problem = document.schema("Problem");
    assertThat(fieldNames(problem.path("properties")))
        .isEqualTo(Set.of("type", "title", "status", "detail", "instance", "violations"));
    assertThat(problem.path("properties").path("status").path("type").asText())
        .isEqualTo("integer");
    assertThat(problem.path("required").toString()).doesNotContain("violations");
    JsonNode violation =
        document.resolve(problem.path("properties").path("violations").path("items"));
    assertThat(fieldNames(violation.path("properties"))).isEqualTo(Set.of("field", "message"));
    assertThat(violation.path("required").toString()).contains("field", "message");
  }

  @Test
  void everyBodyIsJsonAndRequiredUnlessOptionalByDesign() {
    document
        .apiOperations()
        .forEach(
            (name, operation) -> {
              JsonNode body = operation.path("requestBody");
              if (body.isMissingNode()) {
                if (!NO_BODY.contains(name)) {
                  assertThat(name).matches("(GET|DELETE) .*");
                }
                return;
              }
              assertThat(body.path("required").asBoolean())
                  .as(name)
                  .isEqualTo(!OPTIONAL_BODY.contains(name));
              assertThat(fieldNames(body.path("content")))
                  .as(name)
                  .containsExactly("application/json");
            });
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.stream().collect(Collectors.toCollection(TreeSet::new));
  }
}
