package dev.agentruntime.api.problem;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.platformAdminToken;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.LogCapture;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import dev.agentruntime.embedded.DevTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Path segments, query parameters, headers, token claims and sizes a client gets wrong answer a 4xx
 * problem naming what was wrong, never a 500 or a misleading 404; nothing is written, and nothing
 * the client sent reaches the log as an ERROR, as a new line, or as a NUL byte.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileRequestTest {

  @TestHTTPResource("/")
  URI base;

  private String tenant;
  private String agentId;
  private WrittenRows rows;
  private LogCapture log;

  @BeforeEach
  void setUp() throws Exception {
    tenant = TestApi.newTenant();
    agentId = TestApi.agentWithVersion(tenant, "target");
    rows = WrittenRows.snapshot();
    log = LogCapture.start();
  }

  @AfterEach
  void noErrorAndNoForgeableTextWasLogged() {
    log.close();
    List<LogRecord> logged = log.logged();
    assertThat(logged).noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue());
    assertThat(logged)
        .map(LogCapture::lineOf)
        .noneMatch(line -> line.contains("\n") || line.contains("\r") || line.contains("\0"));
  }

  private void assertBadParameter(Response response, String parameter) throws Exception {
    response
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("violations.field", hasItem(parameter));
    rows.assertNothingWritten();
  }

  @Test
  void pathAndQueryParametersThatDoNotParseAreBadRequestsNamingTheParameter() throws Exception {
    String token = tenantToken(tenant);
    assertBadParameter(as(token).get("/v1/runs/not-a-uuid"), "runId");
    assertBadParameter(as(token).get("/v1/runs/1-1-1-1-1"), "runId");
    assertBadParameter(as(token).get("/v1/runs/not-a-uuid/events"), "runId");
    assertBadParameter(as(token).get("/v1/agents/%00"), "agentId");
    assertBadParameter(as(token).get("/v1/agents/" + agentId + "/versions/1.5"), "version");
    assertBadParameter(as(token).get("/v1/agents/" + agentId + "/versions/99999999999"), "version");
    assertBadParameter(as(token).get("/v1/runs?limit=ten"), "limit");
    assertBadParameter(as(token).get("/v1/runs?limit=2.5"), "limit");
    assertBadParameter(
        as(token).get("/v1/runs/" + UUID.randomUUID() + "/events?afterSeq=%0Afake"), "afterSeq");
  }

  @Test
  void aTenantIdThatCannotBeOneIsABadRequestAndNeverReachesTheDatabase() throws Exception {
    assertBadParameter(as(platformAdminToken()).get("/v1/tenants/a%00b"), "id");
    assertBadParameter(as(platformAdminToken()).get("/v1/tenants/NOT_AN_ID"), "id");
    as(platformAdminToken()).get("/v1/tenants/" + tenant).then().statusCode(200);
  }

  @Test
  void aTenantClaimThatIsNotATenantIdIsForbidden() throws Exception {
    for (Object claim : new Object[] {"a\u0000b", "x\ny", 42, List.of(tenant), Map.of("id", 1)}) {
      String token =
          io.smallrye.jwt.build.Jwt.issuer(DevTokens.ISSUER)
              .audience(DevTokens.AUDIENCE)
              .subject("odd")
              .groups(Set.of("viewer"))
              .claim(DevTokens.TENANT_CLAIM, claim)
              .expiresIn(Duration.ofMinutes(5))
              .jws()
              .keyId("dev")
              .sign(TestApi.signingKey());
      as(token)
          .get("/v1/runs")
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("status", equalTo(403));
    }
    rows.assertNothingWritten();
  }

  @Test
  void anOverlongUriIsAProblem414() throws Exception {
    Response response = as(tenantToken(tenant)).get("/v1/runs?limit=1&pad=" + "x".repeat(9000));
    response
        .then()
        .statusCode(414)
        .contentType("application/problem+json")
        .body("status", equalTo(414));
  }

  @Test
  void overlongHeadersAreAProblem431() throws Exception {
    Response response =
        as(tenantToken(tenant)).header("X-Padding", "y".repeat(20_000)).get("/v1/runs");
    response
        .then()
        .statusCode(431)
        .contentType("application/problem+json")
        .body("status", equalTo(431));
  }

  @Test
  void anOversizedBodyWithoutContentLengthIsAProblem413() throws Exception {
    byte[] body =
        ("{\"agentName\":\"target\",\"input\":{\"blob\":\"" + "z".repeat(2 * 1024 * 1024) + "\"}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/v1/runs"))
            .header("Authorization", "Bearer " + tenantToken(tenant))
            .header("Content-Type", "application/json")
            // A stream of unknown length is sent chunked, without a Content-Length.
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    HttpResponse<String> response = sendRacingTheClose(request);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = new ObjectMapper().readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(413);
    rows.assertNothingWritten();
  }

  /**
   * Sends {@code request}, again when the connection was closed before the answer arrived. The
   * server answers 413 as soon as the body passes its limit and closes the connection while the
   * client is still sending; on a loaded machine the client's send can then fail, and the answer
   * already received is dropped with the reset (an HTTP/1.1 client's race with any server that
   * refuses an upload early). Three attempts, each of which the server must answer alike.
   */
  private static HttpResponse<String> sendRacingTheClose(HttpRequest request) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    java.io.IOException lost = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException closedBeforeTheAnswer) {
        lost = closedBeforeTheAnswer;
      }
    }
    throw lost;
  }

  @Test
  void controlCharactersInThePathReachNoLogLine() throws Exception {
    as(tenantToken(tenant))
        .get("/v1/runs/%0D%0A2026-11-30%20ERROR%20forged%00")
        .then()
        .statusCode(400);
    as(tenantToken(tenant)).get("/v1/nothing/%0Aforged").then().statusCode(404);
    rows.assertNothingWritten();
  }
}
