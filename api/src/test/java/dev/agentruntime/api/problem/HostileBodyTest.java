package dev.agentruntime.api.problem;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.platformAdminToken;
import static dev.agentruntime.api.TestApi.tenantToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies that JSON parsers commonly accept and then store as something else are refused with a 400
 * problem naming the field, and nothing is written: duplicate keys, numbers a double cannot hold,
 * text PostgreSQL cannot store, bytes that are not UTF-8, values of the wrong JSON type.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileBodyTest {

  private String tenant;
  private String agentId;
  private WrittenRows rows;

  @BeforeEach
  void setUp() throws Exception {
    tenant = TestApi.newTenant();
    agentId = TestApi.agentWithVersion(tenant, "target");
    rows = WrittenRows.snapshot();
  }

  private Response postRun(String body) {
    return postRun(body.getBytes(StandardCharsets.UTF_8));
  }

  private Response postRun(byte[] body) {
    return as(tenantToken(tenant)).body(body).post("/v1/runs");
  }

  private void assertRefused(Response response, int status, String slug, String field)
      throws Exception {
    response
        .then()
        .log()
        .ifValidationFails()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("type", equalTo("https://agent-runtime.dev/problems/" + slug));
    if (field != null) {
      response.then().body("violations.field", hasItem(field));
    }
    rows.assertNothingWritten();
  }

  @Test
  void duplicateKeysAreRefusedAtTheTopAndInsideTheInput() throws Exception {
    assertRefused(
        postRun("{\"agentName\":\"target\",\"agentName\":\"other\",\"input\":{}}"),
        400,
        "invalid-json-value",
        "agentName");
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"a\":{\"b\":1,\"b\":2}}}"),
        400,
        "invalid-json-value",
        "input.a.b");
  }

  @Test
  void numbersThatWouldBecomeInfinityOrLosePrecisionAreRefused() throws Exception {
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"n\":-9007199254740992}}"),
        400,
        "invalid-json-value",
        "input.n");
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"n\":1e400}}"),
        400,
        "invalid-json-value",
        "input.n");
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"n\":[1,12345678901234567890]}}"),
        400,
        "invalid-json-value",
        "input.n[1]");
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"n\":0.30000000000000000001}}"),
        400,
        "invalid-json-value",
        "input.n");
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"n\":1e-400}}"),
        400,
        "invalid-json-value",
        "input.n");
  }

  @Test
  void textPostgresCannotStoreIsRefusedInValuesAndKeys() throws Exception {
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"s\":\"a\\u0000b\"}}"),
        400,
        "invalid-json-value",
        "input.s");
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"s\":\"\\ud800\"}}"),
        400,
        "invalid-json-value",
        "input.s");
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"k\\u0000\":1}}"),
        400,
        "invalid-json-value",
        "input");
    // Jackson itself refuses a lone surrogate in a key while it parses.
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{\"k\\udc00\":1}}"),
        400,
        "malformed-json",
        null);
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() throws Exception {
    byte[] prefix =
        "{\"agentName\":\"target\",\"input\":{\"s\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] suffix = "\"}}".getBytes(StandardCharsets.UTF_8);
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xC3, (byte) 0x28}, // a lead byte without its continuation
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate (CESU-8)
          {(byte) 0xC0, (byte) 0xAF}, // an overlong '/'
        }) {
      byte[] body = new byte[prefix.length + bad.length + suffix.length];
      System.arraycopy(prefix, 0, body, 0, prefix.length);
      System.arraycopy(bad, 0, body, prefix.length, bad.length);
      System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
      Response response = postRun(body);
      response.then().statusCode(400).contentType("application/problem+json");
      rows.assertNothingWritten();
    }
  }

  @Test
  void valuesOfTheWrongJsonTypeAreNeverCoerced() throws Exception {
    for (String body :
        new String[] {
          "{\"agentName\":\"target\",\"version\":1.9,\"input\":{}}",
          "{\"agentName\":\"target\",\"version\":\"1\",\"input\":{}}",
          "{\"agentName\":\"target\",\"version\":true,\"input\":{}}",
          "{\"agentName\":123,\"input\":{}}",
          "{\"agentName\":true,\"input\":{}}",
          "{\"agentId\":\"\",\"input\":{}}",
        }) {
      Response response = postRun(body);
      response.then().statusCode(400).contentType("application/problem+json");
      rows.assertNothingWritten();
    }
    assertRefused(
        as(tenantToken(tenant)).body("{\"name\":42}").post("/v1/agents"),
        400,
        "invalid-request",
        "name");
    assertRefused(
        as(tenantToken(tenant))
            .body("{\"name\":\"fine\",\"description\":false}")
            .post("/v1/agents"),
        400,
        "invalid-request",
        "description");
  }

  @Test
  void trailingContentAfterTheBodyIsRefused() throws Exception {
    assertRefused(
        postRun("{\"agentName\":\"target\",\"input\":{}} {}"), 400, "invalid-request", null);
  }

  @Test
  void freeTextFieldsRefuseWhatPostgresCannotStore() throws Exception {
    assertRefused(
        as(platformAdminToken())
            .body("{\"id\":\"nul-tenant\",\"displayName\":\"a\\u0000b\"}")
            .post("/v1/tenants"),
        400,
        "invalid-json-value",
        "displayName");
    assertRefused(
        as(tenantToken(tenant))
            .body("{\"name\":\"fine\",\"description\":\"x\\ud83d\"}")
            .post("/v1/agents"),
        400,
        "invalid-json-value",
        "description");
    assertRefused(
        as(tenantToken(tenant))
            .body("{\"spec\":{\"model\":{\"provider\":\"demo\"},\"instructions\":\"\\u0000\"}}")
            .post("/v1/agents/" + agentId + "/versions"),
        400,
        "invalid-json-value",
        "spec.instructions");
  }

  @Test
  void aSpecWithAFractionForAnIntegerIsAnInvalidSpec() throws Exception {
    assertRefused(
        as(tenantToken(tenant))
            .body(
                "{\"spec\":{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\","
                    + "\"limits\":{\"maxSteps\":2.5}}}")
            .post("/v1/agents/" + agentId + "/versions"),
        422,
        "invalid-spec",
        "limits.maxSteps");
    assertRefused(
        as(tenantToken(tenant))
            .body(
                "{\"spec\":{\"model\":{\"provider\":\"demo\",\"temperature\":\"0.5\"},"
                    + "\"instructions\":\"x\"}}")
            .post("/v1/agents/" + agentId + "/versions"),
        422,
        "invalid-spec",
        "model.temperature");
  }

  @Test
  void aBodyWithoutAContentTypeIsAnUnsupportedMediaType() throws Exception {
    Response response =
        given()
            .auth()
            .oauth2(tenantToken(tenant))
            .body("{\"agentName\":\"target\",\"input\":{}}".getBytes(StandardCharsets.UTF_8))
            .post("/v1/runs");
    assertRefused(response, 415, "unsupported-media-type", null);
    assertRefused(
        as(tenantToken(tenant)).contentType(ContentType.XML).body("<run/>").post("/v1/runs"),
        415,
        "unsupported-media-type",
        null);
  }
}
