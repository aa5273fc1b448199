package dev.agentruntime.api.problem;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.embedded.DevTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client mistakes get a 4xx problem answer, never a 500, and write nothing. */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadInputTest {

  private String tenant;
  private long runsBefore;
  private long eventsBefore;

  @BeforeEach
  void setUp() throws Exception {
    tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "target");
    runsBefore = count("run");
    eventsBefore = count("run_event");
  }

  private void assertProblem(Response response, int status) throws Exception {
    response
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("title", org.hamcrest.Matchers.notNullValue());
    assertThat(count("run")).isEqualTo(runsBefore);
    assertThat(count("run_event")).isEqualTo(eventsBefore);
  }

  private Response postRun(String body) {
    return as(tenantToken(tenant)).body(body).post("/v1/runs");
  }

  @Test
  void anEmptyPathSegmentIsNotFoundNamingWhereItIs() throws Exception {
    // What `/v1/agents/$AGENT/versions` becomes when $AGENT is empty. Sent with the JDK's client:
    // REST Assured would merge the double slash before it is sent.
    HttpResponse<String> versions = raw("POST", "/v1/agents//versions");
    assertThat(versions.statusCode()).isEqualTo(404);
    assertThat(versions.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(versions.body()).contains("empty segment after '/v1/agents/'");
    HttpResponse<String> events = raw("GET", "/v1/runs//events");
    assertThat(events.statusCode()).isEqualTo(404);
    assertThat(events.body()).contains("empty segment after '/v1/runs/'");
    assertThat(count("run")).isEqualTo(runsBefore);
  }

  private HttpResponse<String> raw(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
            .header("Authorization", "Bearer " + tenantToken(tenant))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void anOffsetWhosePlusBecameASpaceSaysToEncodeIt() throws Exception {
    // Sent as typed: the query string decodes the bare '+' to a space.
    Response plus =
        as(tenantToken(tenant))
            .urlEncodingEnabled(false)
            .get("/v1/runs?createdAfter=2030-01-01T10:00:00+02:00");
    assertProblem(plus, 400);
    plus.then()
        .body("violations.field", hasItem("createdAfter"))
        .body("detail", containsString("%2B"));
    as(tenantToken(tenant))
        .urlEncodingEnabled(false)
        .get("/v1/runs?createdAfter=2030-01-01T10:00:00%2B02:00")
        .then()
        .statusCode(200);
  }

  @Test
  void malformedJsonIsABadRequest() throws Exception {
    assertProblem(postRun("{\"agentName\": \"target\", \"input\": {"), 400);
  }

  @Test
  void anUnknownFieldIsABadRequestNamingTheField() throws Exception {
    Response response = postRun("{\"agentName\":\"target\",\"input\":{},\"priority\":9}");
    assertProblem(response, 400);
    response.then().body("detail", containsString("priority"));
  }

  @Test
  void aMissingInputIsABadRequestWithItsViolation() throws Exception {
    Response response = postRun("{\"agentName\":\"target\"}");
    assertProblem(response, 400);
    response.then().body("violations.field", hasItem("input"));
  }

  @Test
  void anInputThatIsNotAnObjectIsABadRequest() throws Exception {
    assertProblem(postRun("{\"agentName\":\"target\",\"input\":[1,2]}"), 400);
    assertProblem(postRun("{\"agentName\":\"target\",\"input\":null}"), 400);
  }

  @Test
  void bothOrNeitherAgentIdAndAgentNameIsABadRequest() throws Exception {
    String agentId =
        as(tenantToken(tenant)).get("/v1/agents").then().extract().jsonPath().getString("[0].id");
    assertProblem(
        postRun("{\"agentId\":\"" + agentId + "\",\"agentName\":\"target\",\"input\":{}}"), 400);
    assertProblem(postRun("{\"input\":{}}"), 400);
  }

  @Test
  void aWronglyTypedFieldIsABadRequest() throws Exception {
    assertProblem(postRun("{\"agentId\":\"not-a-uuid\",\"input\":{}}"), 400);
    assertProblem(postRun("{\"agentName\":\"target\",\"version\":\"one\",\"input\":{}}"), 400);
  }

  @Test
  void anEmptyBodyIsABadRequest() throws Exception {
    assertProblem(postRun(""), 400);
  }

  @Test
  void anOversizedBodyIsRefused() throws Exception {
    String big = "x".repeat(2 * 1024 * 1024);
    assertProblem(postRun("{\"agentName\":\"target\",\"input\":{\"blob\":\"" + big + "\"}}"), 413);
  }

  @Test
  void aBodyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
    assertProblem(
        given()
            .auth()
            .oauth2(tenantToken(tenant))
            .contentType(ContentType.TEXT)
            .body("agentName=target")
            .post("/v1/runs"),
        415);
  }

  @Test
  void anOverlongIdempotencyKeyIsABadRequest() throws Exception {
    assertProblem(
        as(tenantToken(tenant))
            .header("Idempotency-Key", "k".repeat(201))
            .body("{\"agentName\":\"target\",\"input\":{}}")
            .post("/v1/runs"),
        400);
  }

  @Test
  void anOutOfRangeListLimitIsABadRequest() throws Exception {
    assertProblem(as(tenantToken(tenant)).get("/v1/runs?limit=1000"), 400);
  }

  @Test
  void aMalformedIdInThePathIsABadRequest() throws Exception {
    assertProblem(as(tenantToken(tenant)).get("/v1/runs/not-a-uuid"), 400);
  }

  @Test
  void aMissingTokenIsUnauthorized() throws Exception {
    assertProblem(
        given()
            .contentType(ContentType.JSON)
            .body("{\"agentName\":\"target\",\"input\":{}}")
            .post("/v1/runs"),
        401);
  }

  @Test
  void aForgedTokenIsUnauthorized() throws Exception {
    DevTokens forger = DevTokens.inDirectory(Files.createTempDirectory("forger"));
    assertProblem(
        as(forger.tenantAdmin(tenant, Duration.ofMinutes(5)))
            .body("{\"agentName\":\"target\",\"input\":{}}")
            .post("/v1/runs"),
        401);
  }

  @Test
  void anExpiredTokenIsUnauthorized() throws Exception {
    String expired =
        TestApi.tokens().mint("late", tenant, Set.of("runner"), Duration.ofMinutes(-10));
    assertProblem(
        as(expired).body("{\"agentName\":\"target\",\"input\":{}}").post("/v1/runs"), 401);
  }

  @Test
  void aTokenForAnotherAudienceIsUnauthorized() throws Exception {
    String token =
        Jwt.issuer(DevTokens.ISSUER)
            .audience("some-other-api")
            .subject("confused")
            .groups(Set.of("runner"))
            .claim(DevTokens.TENANT_CLAIM, tenant)
            .expiresIn(Duration.ofMinutes(5))
            .jws()
            .keyId("dev")
            .sign(signingKey());
    assertProblem(as(token).body("{\"agentName\":\"target\",\"input\":{}}").post("/v1/runs"), 401);
  }

  @Test
  void aTokenFromAnotherIssuerIsUnauthorized() throws Exception {
    String token =
        Jwt.issuer("https://evil.example")
            .audience(DevTokens.AUDIENCE)
            .subject("impostor")
            .groups(Set.of("runner"))
            .claim(DevTokens.TENANT_CLAIM, tenant)
            .expiresIn(Duration.ofMinutes(5))
            .jws()
            .keyId("dev")
            .sign(signingKey());
    assertProblem(as(token).body("{\"agentName\":\"target\",\"input\":{}}").post("/v1/runs"), 401);
  }

  @Test
  void garbageInsteadOfATokenIsUnauthorized() throws Exception {
    assertProblem(as("not.a.jwt").get("/v1/runs"), 401);
  }

  private static PrivateKey signingKey() throws Exception {
    Path dir = Path.of(ConfigProvider.getConfig().getValue(ApiTestServices.KEYS_DIR, String.class));
    String pem =
        Files.readString(dir.resolve("private-key.pem"), StandardCharsets.US_ASCII)
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }
}
