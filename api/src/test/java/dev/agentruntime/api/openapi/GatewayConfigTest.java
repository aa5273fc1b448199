package dev.agentruntime.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agentruntime.api.ApiTestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gateway/kong.yml against the API as it runs: Kong cannot run on these machines (and decK is not
 * on the Go module proxy), so the declarative config is checked here structurally and against the
 * served OpenAPI document. Every operation is routed by exactly one route with its method, every
 * route and method reaches an operation, nothing outside /v1 is exposed but the console's files
 * (read-only), and the edge plugins agree with the API's own limits.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GatewayConfigTest {

  /** Methods a route may carry that no operation has: CORS preflights, answered by Kong. */
  private static final String PREFLIGHT = "OPTIONS";

  private JsonNode kong;
  private Map<String, JsonNode> operations;

  @BeforeEach
  void read() throws Exception {
    kong = new YAMLMapper().readTree(Files.readString(kongYml()));
    operations = ServedDocument.fetch().apiOperations();
  }

  @Test
  void everyOperationIsRoutedByExactlyOneRouteWithItsMethod() {
    assertThat(operations).isNotEmpty();
    for (String operation : operations.keySet()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String sample = sample(operation.substring(operation.indexOf(' ') + 1));
      List<String> matching =
          routes().stream()
              .filter(r -> r.methods().contains(method) && r.matches(sample))
              .map(Route::name)
              .toList();
      assertThat(matching).as("routes for %s (%s)", operation, sample).hasSize(1);
    }
  }

  @Test
  void everyRouteAndMethodReachesAnOperation() {
    for (Route route : routes()) {
      for (String method : route.methods()) {
        if (method.equals(PREFLIGHT)) {
          continue;
        }
        boolean reaches =
            operations.keySet().stream()
                .anyMatch(
                    op ->
                        op.startsWith(method + " ")
                            && route.matches(sample(op.substring(op.indexOf(' ') + 1))));
        assertThat(reaches).as("%s %s reaches an operation", method, route.name()).isTrue();
      }
      // A route that shares its paths with another one may leave the preflight to it.
      boolean preflightElsewhere =
          routes().stream()
              .anyMatch(
                  other ->
                      !other.name().equals(route.name())
                          && other.paths().equals(route.paths())
                          && other.methods().contains(PREFLIGHT));
      assertThat(preflightElsewhere || route.methods().contains(PREFLIGHT))
          .as("%s answers CORS preflights", route.name())
          .isTrue();
    }
  }

  @Test
  void nothingOutsideTheVersionedApiIsExposed() {
    for (Route route : routes()) {
      for (String path : route.paths()) {
        assertThat(path).as(route.name()).startsWith("~/v1/").endsWith("$");
      }
      for (String probe : List.of("/q/health", "/q/metrics", "/q/openapi", "/v2/runs", "/")) {
        assertThat(route.matches(probe)).as("%s routes %s", route.name(), probe).isFalse();
      }
    }
  }

  @Test
  void tokensAreCheckedAtTheEdgeFromTheAuthorizationHeaderOnly() throws Exception {
    JsonNode jwt = plugin("jwt");
    assertThat(jwt.path("route").isMissingNode() && jwt.path("service").isMissingNode())
        .as("the jwt plugin covers every route")
        .isTrue();
    assertThat(texts(jwt.at("/config/header_names"))).containsExactly("authorization");
    assertThat(jwt.at("/config/uri_param_names")).isEmpty();
    assertThat(jwt.at("/config/cookie_names")).isEmpty();
    assertThat(texts(jwt.at("/config/claims_to_verify"))).contains("exp");
    assertThat(jwt.at("/config/key_claim_name").asText()).isEqualTo("iss");
    JsonNode secret = kong.at("/consumers/0/jwt_secrets/0");
    assertThat(secret.path("algorithm").asText()).isEqualTo("RS256");
    assertThat(secret.path("key").asText()).startsWith("http").contains("/realms/");
    String pem = secret.path("rsa_public_key").asText();
    byte[] der =
        Base64.getMimeDecoder()
            .decode(
                pem.replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", ""));
    RSAPublicKey key =
        (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    assertThat(key.getModulus().bitLength()).isGreaterThanOrEqualTo(2048);
    // The demo realm signs with a fixed (imported, local-only) key: the edge holds its public half.
    JsonNode realm =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Files.readString(repoFile("auth/keycloak-realm.json")));
    assertThat(secret.path("key").asText()).endsWith("/realms/" + realm.path("realm").asText());
    JsonNode imported =
        realm.at("/components/org.keycloak.keys.KeyProvider").findParent("privateKey");
    byte[] certificate = Base64.getDecoder().decode(imported.at("/certificate/0").asText());
    java.security.cert.Certificate realmCertificate =
        java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(certificate));
    assertThat(realmCertificate.getPublicKey().getEncoded()).isEqualTo(key.getEncoded());
  }

  @Test
  void onlyTriggerDeliveriesPassWithoutATokenAndHaveTheirOwnRateLimit() {
    List<Route> overriding =
        routes().stream()
            .filter(r -> r.node().path("plugins").findValuesAsText("name").contains("jwt"))
            .toList();
    assertThat(overriding).extracting(Route::name).containsExactly("trigger-delivery");
    Route delivery = overriding.get(0);
    assertThat(delivery.methods()).containsExactly("POST");
    assertThat(delivery.paths()).containsExactly("~/v1/triggers/[^/]+$");
    assertThat(operations.keySet()).contains("POST /v1/triggers/{id}");
    JsonNode plugins = delivery.node().path("plugins");
    JsonNode jwt = null;
    JsonNode rateLimit = null;
    for (JsonNode plugin : plugins) {
      switch (plugin.path("name").asText()) {
        case "jwt" -> jwt = plugin;
        case "rate-limiting" -> rateLimit = plugin;
        default -> {}
      }
    }
    assertThat(jwt.at("/config/anonymous").asText()).isEqualTo("trigger-sender");
    assertThat(kong.path("consumers").findValuesAsText("username")).contains("trigger-sender");
    assertThat(rateLimit).as("trigger-delivery's own rate limit").isNotNull();
    assertThat(rateLimit.at("/config/minute").asInt())
        .isPositive()
        .isLessThan(plugin("rate-limiting").at("/config/minute").asInt());
  }

  @Test
  void edgeLimitsAgreeWithTheApi() {
    String apiLimit =
        ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", String.class);
    assertThat(apiLimit).isEqualTo("1M");
    JsonNode size = plugin("request-size-limiting").path("config");
    assertThat(size.path("size_unit").asText()).isEqualTo("kilobytes");
    assertThat(size.path("allowed_payload_size").asInt()).isEqualTo(1024);
    assertThat(plugin("rate-limiting").at("/config/minute").asInt()).isPositive();
    assertThat(plugin("correlation-id").at("/config/echo_downstream").asBoolean()).isTrue();
    JsonNode cors = plugin("cors").path("config");
    assertThat(texts(cors.path("headers")))
        .contains("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID");
    assertThat(texts(cors.path("exposed_headers"))).contains("Location");
    assertThat(cors.path("credentials").asBoolean()).isFalse();
  }

  @Test
  void servicesReachTheComposeServiceAndTheStreamIsUnbuffered() {
    Set<String> upstreams = new HashSet<>();
    kong.path("upstreams").forEach(u -> upstreams.add(u.path("name").asText()));
    assertThat(upstreams).containsExactly("api");
    assertThat(texts(kong.at("/upstreams/0/targets").findValues("target")))
        .containsExactly("api:8080");
    kong.path("services")
        .forEach(
            s -> {
              assertThat(upstreams).contains(s.path("host").asText());
              assertThat(s.path("port").asInt()).isEqualTo(8080);
            });
    Route events =
        routes().stream()
            .filter(r -> r.matches(sample("/v1/runs/{runId}/events")))
            .findFirst()
            .orElseThrow();
    assertThat(events.node().path("response_buffering").asBoolean(true)).isFalse();
    assertThat(events.service().path("read_timeout").asLong())
        .as("an SSE stream outlives the API's 15 s keep-alive by far")
        .isGreaterThanOrEqualTo(600_000);
  }

  private record Route(
      String name, List<String> paths, Set<String> methods, JsonNode node, JsonNode service) {
    boolean matches(String path) {
      // Kong matches a regex path from the start of the request path.
      return paths.stream()
          .anyMatch(p -> Pattern.compile(p.substring(1)).matcher(path).lookingAt());
    }
  }

  /** The console's files: the one service that is not the /v1 API. */
  private static final String CONSOLE_SERVICE = "agent-runtime-console";

  @Test
  void theConsolesFilesPassWithoutATokenForReadingOnly() {
    List<Route> console = routes(true);
    assertThat(console).extracting(Route::name).containsExactly("console");
    Route route = console.get(0);
    assertThat(route.methods()).containsExactlyInAnyOrder("GET", "HEAD");
    for (String path :
        List.of("/console", "/console/", "/console/config.json", "/console/js/views/run.js")) {
      assertThat(route.matches(path)).as(path).isTrue();
    }
    for (String probe : List.of("/consoles", "/console/../v1/runs", "/q/health", "/v1/runs", "/")) {
      assertThat(route.matches(probe)).as("console routes %s", probe).isFalse();
    }
    JsonNode jwt = route.node().path("plugins").get(0);
    assertThat(jwt.path("name").asText()).isEqualTo("jwt");
    assertThat(jwt.at("/config/anonymous").asText()).isEqualTo("console-visitor");
    assertThat(kong.path("consumers").findValuesAsText("username")).contains("console-visitor");
  }

  /** The routes of the /v1 API, which the operation checks hold against the document. */
  private List<Route> routes() {
    return routes(false);
  }

  private List<Route> routes(boolean console) {
    List<Route> out = new ArrayList<>();
    for (JsonNode service : kong.path("services")) {
      if (service.path("name").asText().equals(CONSOLE_SERVICE) != console) {
        continue;
      }
      for (JsonNode route : service.path("routes")) {
        out.add(
            new Route(
                route.path("name").asText(),
                texts(route.path("paths")),
                new HashSet<>(texts(route.path("methods"))),
                route,
                service));
      }
    }
    return out;
  }

  private JsonNode plugin(String name) {
    for (JsonNode plugin : kong.path("plugins")) {
      if (plugin.path("name").asText().equals(name)) {
        return plugin;
      }
    }
    throw new AssertionError("no global plugin " + name + " in gateway/kong.yml");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> texts(List<JsonNode> nodes) {
    return nodes.stream().map(JsonNode::asText).toList();
  }

  /** A concrete request path for an OpenAPI path template: each parameter a plausible value. */
  private static String sample(String template) {
    return template.replaceAll("\\{[^}]+}", "0b8e8f7e-3c1f-4a5e-9a57-2f1d6c0a9e11");
  }

  private static Path kongYml() {
    return repoFile("gateway/kong.yml");
  }

  private static Path repoFile(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(name + " not found above " + Path.of("").toAbsolutePath());
  }
}
