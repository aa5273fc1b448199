package dev.agentruntime.api.trigger;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import dev.agentruntime.testkit.PrometheusText;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Inbound triggers over HTTP on the real tiers: management by role and tenant, the secret shown
 * once and stored sealed, and signed deliveries that admit exactly one run each. Deliveries are
 * signed here in Java by each sender's published scheme (TriggerSignaturesTest holds the
 * verification to the senders' own vectors).
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TriggerResourceTest {

  @Test
  void theSecretIsShownOnceAndStoredSealed() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "triaged");
    JsonPath created = create(tenant, "inbox", "standard-webhooks", null);
    String id = created.getString("id");
    String secret = created.getString("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(created.getString("deliveryUrl")).isEqualTo("/v1/triggers/" + id);

    as(tenantToken(tenant))
        .get("/v1/triggers/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("inbox"))
        .body("enabled", equalTo(true))
        .body("toleranceSeconds", equalTo(300))
        .body("$", not(hasKey("secret")));
    String listed =
        as(tenantToken(tenant)).get("/v1/triggers").then().statusCode(200).extract().asString();
    assertThat(listed).contains(id).doesNotContain(secret).doesNotContain("secret");
    byte[] sealed = sealedSecret(id);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    assertThat(HexFormat.of().formatHex(sealed))
        .doesNotContain(HexFormat.of().formatHex(Base64.getDecoder().decode(secret.substring(6))));

    JsonPath github = create(tenant, "repo", "github", "/issue");
    assertThat(github.getString("secret")).matches("^[0-9a-f]{64}$");
  }

  @Test
  void aStandardWebhooksDeliveryStartsOneRunAndItsReplayStartsNone() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "triaged");
    JsonPath trigger = create(tenant, "inbox", "standard-webhooks", null);
    String body = "{\"ticket\": \"printer jammed\", \"priority\": \"low\"}";
    String messageId = "msg_" + UUID.randomUUID();
    long timestamp = Instant.now().getEpochSecond();

    Supplier<Response> delivery =
        () -> standardWebhooks(trigger, messageId, timestamp, body).post(url(trigger));
    String runId =
        delivery
            .get()
            .then()
            .statusCode(202)
            .header("Location", matchesPattern("^.*/v1/runs/[0-9a-f-]{36}$"))
            .header("Idempotent-Replayed", nullValue())
            .body("origin", equalTo("trigger"))
            .body("createdBy", equalTo("trigger " + trigger.getString("id")))
            .body("agentName", equalTo("triaged"))
            .body("input.ticket", equalTo("printer jammed"))
            .extract()
            .path("id");

    WrittenRows before = WrittenRows.snapshot();
    delivery
        .get()
        .then()
        .statusCode(202)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(runId));
    before.assertNothingWritten();
    assertThat(count("run", "tenant_id = ? and origin = 'trigger'", tenant)).isEqualTo(1);

    as(tenantToken(tenant))
        .get("/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("origin", equalTo("trigger"));
  }

  @Test
  void aGitHubDeliveryStartsOneRunWithThePointedInput() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "triaged");
    JsonPath trigger = create(tenant, "repo", "github", "/issue");
    String body = "{\"action\": \"opened\", \"issue\": {\"number\": 7, \"title\": \"Crash\"}}";
    String deliveryId = UUID.randomUUID().toString();
    String runId =
        github(trigger, deliveryId, body)
            .post(url(trigger))
            .then()
            .statusCode(202)
            .body("input.number", equalTo(7))
            .body("input.title", equalTo("Crash"))
            .extract()
            .path("id");
    github(trigger, deliveryId, body)
        .post(url(trigger))
        .then()
        .statusCode(202)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(runId));
    github(trigger, UUID.randomUUID().toString(), body)
        .post(url(trigger))
        .then()
        .statusCode(202)
        .body("id", not(equalTo(runId)));
    assertThat(count("run", "tenant_id = ? and origin = 'trigger'", tenant)).isEqualTo(2);

    // A value that is not an object is wrapped, so the run's input is always one.
    as(tenantToken(tenant))
        .body(Map.of("inputPointer", "/action"))
        .patch("/v1/triggers/" + trigger.getString("id"))
        .then()
        .statusCode(200)
        .body("inputPointer", equalTo("/action"));
    github(trigger, UUID.randomUUID().toString(), body)
        .post(url(trigger))
        .then()
        .statusCode(202)
        .body("input.payload", equalTo("opened"));
  }

  @Test
  void aSlackDeliveryStartsARun() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "triaged");
    JsonPath trigger = create(tenant, "chat", "slack", "/event");
    String body = "{\"type\": \"event_callback\", \"event\": {\"type\": \"app_mention\"}}";
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String signature =
        "v0="
            + HexFormat.of()
                .formatHex(
                    hmac(
                        trigger.getString("secret").getBytes(StandardCharsets.US_ASCII),
                        "v0:" + timestamp + ":" + body));
    given()
        .contentType("application/json")
        .header("X-Slack-Request-Timestamp", timestamp)
        .header("X-Slack-Signature", signature)
        .body(body)
        .post(url(trigger))
        .then()
        .statusCode(202)
        .body("input.type", equalTo("app_mention"));
  }

  @Test
  void refusedDeliveriesWriteNothingAndAreCounted() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "triaged");
    JsonPath sw = create(tenant, "inbox", "standard-webhooks", null);
    JsonPath gh = create(tenant, "repo", "github", null);
    String body = "{\"a\": 1}";
    long now = Instant.now().getEpochSecond();
    PrometheusText before = scrape();
    WrittenRows rows = WrittenRows.snapshot();

    // Forged: signed with another secret.
    JsonPath forged =
        new JsonPath(
            "{\"id\": \""
                + sw.getString("id")
                + "\", \"secret\": \"whsec_"
                + Base64.getEncoder().encodeToString(new byte[32])
                + "\"}");
    refused(
        standardWebhooks(forged, "msg_1", now, body).post(url(sw)),
        401,
        "trigger-signature-invalid");
    refused(
        github(gh, "d1", body)
            .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
            .post(url(gh)),
        401,
        "trigger-signature-invalid");
    // Stale: signed correctly, but ten minutes ago.
    refused(
        standardWebhooks(sw, "msg_2", now - 600, body).post(url(sw)),
        401,
        "trigger-timestamp-stale");
    // Missing header.
    refused(
        given()
            .contentType("application/json")
            .header("X-GitHub-Delivery", "d2")
            .body(body)
            .post(url(gh)),
        401,
        "trigger-signature-missing");
    // Oversized, signed or not.
    String big = "{\"a\": \"" + "x".repeat(300 * 1024) + "\"}";
    refused(github(gh, "d3", big).post(url(gh)), 413, "trigger-body-too-large");
    // Unknown trigger.
    refused(github(gh, "d4", body).post("/v1/triggers/" + UUID.randomUUID()), 404, "not-found");
    // Disabled: answered to a correctly signed delivery.
    as(tenantToken(tenant))
        .body(Map.of("enabled", false))
        .patch("/v1/triggers/" + gh.getString("id"))
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false));
    WrittenRows afterPatch = WrittenRows.snapshot();
    refused(github(gh, "d5", body).post(url(gh)), 409, "trigger-disabled");
    afterPatch.assertNothingWritten();
    rows.assertNothingWritten();

    PrometheusText after = scrape();
    for (Map.Entry<String, Double> expected :
        Map.of(
                "bad_signature", 2.0,
                "stale_timestamp", 1.0,
                "missing_header", 1.0,
                "too_large", 1.0,
                "not_found", 1.0,
                "disabled", 1.0)
            .entrySet()) {
      Map<String, String> labels = Map.of("outcome", expected.getKey());
      assertThat(
              after.sum("agent_runtime_trigger_deliveries_total", labels)
                  - before.sum("agent_runtime_trigger_deliveries_total", labels))
          .as(expected.getKey())
          .isEqualTo(expected.getValue());
    }
  }

  @Test
  void aRotatedSecretKeepsVerifyingForTheOverlapAndNoLonger() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "triaged");
    JsonPath first = create(tenant, "inbox", "standard-webhooks", null);
    String id = first.getString("id");
    long now = Instant.now().getEpochSecond();

    // A bare POST: the default overlap, a day.
    JsonPath second =
        given()
            .auth()
            .oauth2(tenantToken(tenant))
            .post("/v1/triggers/" + id + "/rotate-secret")
            .then()
            .statusCode(200)
            .body("id", equalTo(id))
            .extract()
            .jsonPath();
    assertThat(second.getString("secret"))
        .startsWith("whsec_")
        .isNotEqualTo(first.getString("secret"));
    Instant until = Instant.parse(second.getString("previousSecretValidUntil"));
    assertThat(until)
        .isBetween(Instant.now().plusSeconds(86_300), Instant.now().plusSeconds(86_500));
    as(tenantToken(tenant))
        .get("/v1/triggers/" + id)
        .then()
        .statusCode(200)
        .body("$", not(hasKey("secret")))
        .body("previousSecretValidUntil", equalTo(second.getString("previousSecretValidUntil")));
    String body = "{\"a\": 1}";
    standardWebhooks(first, "msg_old", now, body).post(url(first)).then().statusCode(202);
    standardWebhooks(second, "msg_new", now, body).post(url(second)).then().statusCode(202);

    // Overlap 0 (a leaked secret): the replaced one stops at once.
    JsonPath third =
        as(tenantToken(tenant))
            .body(Map.of("overlapSeconds", 0))
            .post("/v1/triggers/" + id + "/rotate-secret")
            .then()
            .statusCode(200)
            .body("previousSecretValidUntil", nullValue())
            .extract()
            .jsonPath();
    WrittenRows rows = WrittenRows.snapshot();
    refused(
        standardWebhooks(second, "msg_leaked", now, body).post(url(second)),
        401,
        "trigger-signature-invalid");
    refused(
        standardWebhooks(first, "msg_first", now, body).post(url(first)),
        401,
        "trigger-signature-invalid");
    rows.assertNothingWritten();
    standardWebhooks(third, "msg_third", now, body).post(url(third)).then().statusCode(202);
    assertThat(count("run", "tenant_id = ? and origin = 'trigger'", tenant)).isEqualTo(3);
  }

  @Test
  void aRotationRefusesABadOverlapAndWritesNothing() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "triaged");
    String id = create(tenant, "inbox", "github", null).getString("id");
    byte[] sealed = sealedSecret(id);
    for (Object overlap : new Object[] {-1, 604_801, "soon"}) {
      as(tenantToken(tenant))
          .body(Map.of("overlapSeconds", overlap))
          .post("/v1/triggers/" + id + "/rotate-secret")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    given()
        .auth()
        .oauth2(tenantToken(tenant))
        .contentType("text/plain")
        .body("overlap")
        .post("/v1/triggers/" + id + "/rotate-secret")
        .then()
        .statusCode(415);
    assertThat(sealedSecret(id)).isEqualTo(sealed);
  }

  @Test
  void anotherTenantsTriggerIsNotFoundOnEveryEndpointAndRolesApply() {
    String owner = TestApi.newTenant();
    TestApi.agentWithVersion(owner, "triaged");
    String id = create(owner, "inbox", "github", null).getString("id");
    String other = TestApi.newTenant();
    String path = "/v1/triggers/" + id;
    as(tenantToken(other)).get(path).then().statusCode(404);
    as(tenantToken(other)).body(Map.of("enabled", false)).patch(path).then().statusCode(404);
    as(tenantToken(other)).delete(path).then().statusCode(404);
    as(tenantToken(other)).post(path + "/rotate-secret").then().statusCode(404);
    assertThat(
            as(tenantToken(other)).get("/v1/triggers").then().statusCode(200).extract().asString())
        .doesNotContain(id);

    String viewer = tokenWithRoles(owner, "viewer");
    as(viewer).get(path).then().statusCode(200);
    as(viewer).get("/v1/triggers").then().statusCode(200);
    as(viewer).body(Map.of("enabled", false)).patch(path).then().statusCode(403);
    as(viewer).delete(path).then().statusCode(403);
    as(viewer).post(path + "/rotate-secret").then().statusCode(403);
    as(viewer)
        .body(Map.of("name", "x", "agentName", "triaged", "preset", "github"))
        .post("/v1/triggers")
        .then()
        .statusCode(403);

    as(tenantToken(owner)).delete(path).then().statusCode(204);
    as(tenantToken(owner)).get(path).then().statusCode(404);
  }

  @Test
  void creationRefusesBadInputWithProblems() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "triaged");
    as(tenantToken(tenant))
        .body(Map.of("name", "x", "agentName", "triaged", "preset", "gitlab"))
        .post("/v1/triggers")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("preset"));
    as(tenantToken(tenant))
        .body(
            Map.of("name", "x", "agentName", "triaged", "preset", "github", "inputPointer", "a/b"))
        .post("/v1/triggers")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("inputPointer"));
    as(tenantToken(tenant))
        .body(Map.of("name", "x", "agentName", "nobody", "preset", "github"))
        .post("/v1/triggers")
        .then()
        .statusCode(404);
    create(tenant, "dup", "github", null);
    as(tenantToken(tenant))
        .body(Map.of("name", "dup", "agentName", "triaged", "preset", "github"))
        .post("/v1/triggers")
        .then()
        .statusCode(409);
  }

  @Test
  void onlyTheDeliveryPathPassesWithoutAToken() {
    given().contentType("application/json").body("{}").post("/v1/runs").then().statusCode(401);
    given().get("/v1/triggers").then().statusCode(401);
    given().get("/v1/triggers/" + UUID.randomUUID()).then().statusCode(401);
    given().contentType("application/json").body("{}").post("/v1/triggers").then().statusCode(401);
    given()
        .contentType("application/json")
        .body("{\"enabled\": false}")
        .patch("/v1/triggers/" + UUID.randomUUID())
        .then()
        .statusCode(401);
    given().delete("/v1/triggers/" + UUID.randomUUID()).then().statusCode(401);
    given().post("/v1/triggers/" + UUID.randomUUID() + "/rotate-secret").then().statusCode(401);
  }

  private static JsonPath create(String tenant, String name, String preset, String pointer) {
    Map<String, Object> request =
        pointer == null
            ? Map.of("name", name, "agentName", "triaged", "preset", preset)
            : Map.of(
                "name", name, "agentName", "triaged", "preset", preset, "inputPointer", pointer);
    return as(tenantToken(tenant))
        .body(request)
        .post("/v1/triggers")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static String url(JsonPath trigger) {
    return "/v1/triggers/" + trigger.getString("id");
  }

  /** A delivery signed by the Standard Webhooks specification (section "Signature scheme"). */
  private static io.restassured.specification.RequestSpecification standardWebhooks(
      JsonPath trigger, String messageId, long timestamp, String body) {
    byte[] key = Base64.getDecoder().decode(trigger.getString("secret").substring(6));
    String signature =
        Base64.getEncoder().encodeToString(hmac(key, messageId + "." + timestamp + "." + body));
    return given()
        .contentType("application/json")
        .header("webhook-id", messageId)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", "v1," + signature)
        .body(body);
  }

  /** A delivery signed as GitHub signs its webhooks. */
  private static io.restassured.specification.RequestSpecification github(
      JsonPath trigger, String deliveryId, String body) {
    byte[] key = trigger.getString("secret").getBytes(StandardCharsets.US_ASCII);
    return given()
        .contentType("application/json")
        .header("X-GitHub-Delivery", deliveryId)
        .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(key, body)))
        .body(body);
  }

  private static void refused(Response answer, int status, String type) {
    answer
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith(type))
        // A 401 names the scheme it wants: the signature, not a bearer token.
        .header("WWW-Authenticate", status == 401 ? equalTo("Signature") : nullValue());
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sealedSecret(String id) throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement("select sealed_secret from trigger where id = ?")) {
      s.setObject(1, UUID.fromString(id));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  private static PrometheusText scrape() {
    return new PrometheusText(
        given().get("/q/metrics").then().statusCode(200).extract().asString());
  }
}
