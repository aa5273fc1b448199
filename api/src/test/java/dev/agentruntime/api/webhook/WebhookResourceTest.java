package dev.agentruntime.api.webhook;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Outbound webhooks' management over HTTP on the real tiers: roles, tenants, the secret shown once
 * and stored sealed, rotation, and the delivery log the database fills when a run's event is
 * appended (the sending itself is the worker's: WebhookDeliveryTest).
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookResourceTest {

  private static final String URL = "https://hooks.example.com/agent-runtime";

  @Test
  void theSecretIsShownOnceAndStoredSealed() throws Exception {
    String tenant = TestApi.newTenant();
    JsonPath created = create(tenant, "alerts", List.of("run.failed", "run.waiting_for_approval"));
    String id = created.getString("id");
    String secret = created.getString("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(created.getList("eventTypes"))
        .containsExactly("run.failed", "run.waiting_for_approval");

    as(tenantToken(tenant))
        .get("/v1/webhooks/" + id)
        .then()
        .statusCode(200)
        .body("url", equalTo(URL))
        .body("enabled", equalTo(true))
        .body("disabledReason", nullValue())
        .body("$", not(hasKey("secret")));
    String listed =
        as(tenantToken(tenant)).get("/v1/webhooks").then().statusCode(200).extract().asString();
    assertThat(listed).contains(id).doesNotContain(secret);
    assertThat(new String(column(id, "sealed_secret"), StandardCharsets.ISO_8859_1))
        .doesNotContain(secret);
  }

  @Test
  void aRotationAnswersANewSecretOnceAndKeepsTheOldOneForTheOverlap() throws Exception {
    String tenant = TestApi.newTenant();
    JsonPath created = create(tenant, "alerts", List.of("run.failed"));
    String id = created.getString("id");
    byte[] before = column(id, "sealed_secret");

    JsonPath rotated =
        as(tenantToken(tenant))
            .post("/v1/webhooks/" + id + "/rotate-secret")
            .then()
            .statusCode(200)
            .body("previousSecretExpiresAt", notNullValue())
            .extract()
            .jsonPath();
    assertThat(rotated.getString("secret"))
        .startsWith("whsec_")
        .isNotEqualTo(created.getString("secret"));
    assertThat(column(id, "previous_sealed_secret")).isEqualTo(before);
    assertThat(column(id, "sealed_secret")).isNotEqualTo(before);

    as(tenantToken(tenant))
        .body(Map.of("overlapSeconds", 0))
        .post("/v1/webhooks/" + id + "/rotate-secret")
        .then()
        .statusCode(200)
        .body("previousSecretExpiresAt", nullValue());
    assertThat(column(id, "previous_sealed_secret")).isNull();
  }

  @Test
  void anEventOfAWantedTypeAppearsInTheLogAndCanBeRedelivered() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(tenant, "notifier");
    String id = create(tenant, "ends", List.of("run.succeeded")).getString("id");
    String runId = TestApi.startRun(tenant, agentId);
    appendSucceeded(tenant, runId);

    JsonPath page =
        as(tenantToken(tenant))
            .get("/v1/webhooks/" + id + "/deliveries")
            .then()
            .statusCode(200)
            .body("items.size()", equalTo(1))
            .body("items[0].runId", equalTo(runId))
            .body("items[0].type", equalTo("run.succeeded"))
            .body("items[0].status", equalTo("pending"))
            .body("items[0].lastStatusCode", nullValue())
            .body("nextCursor", nullValue())
            .extract()
            .jsonPath();
    String deliveryId = page.getString("items[0].id");
    String messageId = page.getString("items[0].messageId");
    assertThat(messageId).startsWith("msg_");
    TestApi.db()
        .createStatement()
        .execute(
            "update webhook_delivery set status = 'failed', attempts = 8 where id = '"
                + deliveryId
                + "'");

    as(tenantToken(tenant))
        .post("/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver")
        .then()
        .statusCode(202)
        .header(
            "Location",
            org.hamcrest.Matchers.endsWith("/v1/webhooks/" + id + "/deliveries/" + deliveryId))
        .body("status", equalTo("pending"))
        .body("attempts", equalTo(0))
        .body("messageId", equalTo(messageId));

    as(tenantToken(tenant))
        .body(Map.of("enabled", false))
        .patch("/v1/webhooks/" + id)
        .then()
        .statusCode(200);
    as(tenantToken(tenant))
        .post("/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith("webhook-disabled"));
    for (String cursor : List.of(UUID.randomUUID().toString(), "", "not-a-uuid")) {
      as(tenantToken(tenant))
          .get("/v1/webhooks/" + id + "/deliveries?cursor=" + cursor)
          .then()
          .statusCode(400)
          .body("violations[0].field", equalTo("cursor"));
    }
    as(tenantToken(tenant))
        .contentType("application/json")
        .body("[]")
        .post("/v1/webhooks/" + id + "/rotate-secret")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    // A JSON null is no body, as the generated clients send an absent one (the schema says so).
    as(tenantToken(tenant))
        .contentType("application/json")
        .body("null")
        .post("/v1/webhooks/" + id + "/rotate-secret")
        .then()
        .statusCode(200);
  }

  @Test
  void theLogIsPagedNewestFirst() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(tenant, "notifier");
    String id = create(tenant, "ends", List.of("run.succeeded")).getString("id");
    for (int i = 0; i < 3; i++) {
      appendSucceeded(tenant, TestApi.startRun(tenant, agentId));
    }
    JsonPath first =
        as(tenantToken(tenant))
            .get("/v1/webhooks/" + id + "/deliveries?limit=2")
            .then()
            .statusCode(200)
            .body("items.size()", equalTo(2))
            .extract()
            .jsonPath();
    String cursor = first.getString("nextCursor");
    assertThat(cursor).isEqualTo(first.getString("items[1].id"));
    as(tenantToken(tenant))
        .get("/v1/webhooks/" + id + "/deliveries?limit=2&cursor=" + cursor)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("nextCursor", nullValue());
  }

  @Test
  void reEnablingClearsTheReasonTheSenderDisabledItFor() throws Exception {
    String tenant = TestApi.newTenant();
    String id = create(tenant, "gone", List.of("run.failed")).getString("id");
    TestApi.db()
        .createStatement()
        .execute(
            "update webhook set enabled = false, disabled_reason = 'the endpoint answered 410"
                + " Gone' where id = '"
                + id
                + "'");
    as(tenantToken(tenant))
        .get("/v1/webhooks/" + id)
        .then()
        .body("enabled", equalTo(false))
        .body("disabledReason", equalTo("the endpoint answered 410 Gone"));

    as(tenantToken(tenant))
        .body(Map.of("enabled", true, "eventTypes", List.of("run.cancelled")))
        .patch("/v1/webhooks/" + id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true))
        .body("disabledReason", nullValue())
        .body("eventTypes", equalTo(List.of("run.cancelled")))
        .body("url", equalTo(URL));
  }

  @Test
  void anotherTenantsWebhookIsNotFoundOnEveryEndpointAndRolesApply() throws Exception {
    String owner = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(owner, "notifier");
    String id = create(owner, "ends", List.of("run.succeeded")).getString("id");
    appendSucceeded(owner, TestApi.startRun(owner, agentId));
    String deliveryId =
        as(tenantToken(owner))
            .get("/v1/webhooks/" + id + "/deliveries")
            .then()
            .extract()
            .path("items[0].id");
    String path = "/v1/webhooks/" + id;
    String delivery = path + "/deliveries/" + deliveryId;

    String other = tenantToken(TestApi.newTenant());
    as(other).get(path).then().statusCode(404);
    as(other).body(Map.of("enabled", false)).patch(path).then().statusCode(404);
    as(other).post(path + "/rotate-secret").then().statusCode(404);
    as(other).get(path + "/deliveries").then().statusCode(404);
    as(other).get(delivery).then().statusCode(404);
    as(other).post(delivery + "/redeliver").then().statusCode(404);
    as(other).delete(path).then().statusCode(404);
    assertThat(as(other).get("/v1/webhooks").then().statusCode(200).extract().asString())
        .doesNotContain(id);

    String viewer = tokenWithRoles(owner, "viewer");
    as(viewer).get(path).then().statusCode(200);
    as(viewer).get("/v1/webhooks").then().statusCode(200);
    as(viewer).get(path + "/deliveries").then().statusCode(200);
    as(viewer).get(delivery).then().statusCode(200);
    as(viewer).body(Map.of("enabled", false)).patch(path).then().statusCode(403);
    as(viewer).post(path + "/rotate-secret").then().statusCode(403);
    as(viewer).post(delivery + "/redeliver").then().statusCode(403);
    as(viewer).delete(path).then().statusCode(403);
    as(viewer)
        .body(Map.of("name", "x", "url", URL, "eventTypes", List.of("run.failed")))
        .post("/v1/webhooks")
        .then()
        .statusCode(403);
    String runner = tokenWithRoles(owner, "runner");
    as(runner).get(path).then().statusCode(403);

    as(tenantToken(owner)).delete(path).then().statusCode(204);
    as(tenantToken(owner)).get(path).then().statusCode(404);
    as(tenantToken(owner)).get(delivery).then().statusCode(404);
  }

  @Test
  void creationRefusesBadInputWithProblems() {
    String tenant = TestApi.newTenant();
    for (String url :
        List.of(
            "ftp://hooks.example.com/x",
            "https://user:pw@hooks.example.com/x",
            "hooks.example.com/x",
            "https:///x",
            "https://hooks.example.com/x#frag",
            "https://hooks.example.com/" + "a".repeat(2100))) {
      as(tenantToken(tenant))
          .body(Map.of("name", "x", "url", url, "eventTypes", List.of("run.failed")))
          .post("/v1/webhooks")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("violations[0].field", equalTo("url"));
    }
    as(tenantToken(tenant))
        .body(Map.of("name", "x", "url", URL, "eventTypes", List.of("run.started")))
        .post("/v1/webhooks")
        .then()
        .statusCode(400)
        .body("violations[0].field", org.hamcrest.Matchers.startsWith("eventTypes"));
    as(tenantToken(tenant))
        .body(Map.of("name", "x", "url", URL, "eventTypes", List.of()))
        .post("/v1/webhooks")
        .then()
        .statusCode(400);
    create(tenant, "dup", List.of("run.failed"));
    as(tenantToken(tenant))
        .body(Map.of("name", "dup", "url", URL, "eventTypes", List.of("run.failed")))
        .post("/v1/webhooks")
        .then()
        .statusCode(409);
    as(tenantToken(tenant))
        .body(Map.of("overlapSeconds", -1))
        .post("/v1/webhooks/" + UUID.randomUUID() + "/rotate-secret")
        .then()
        .statusCode(400);
  }

  private static JsonPath create(String tenant, String name, List<String> types) {
    return as(tenantToken(tenant))
        .body(Map.of("name", name, "url", URL, "eventTypes", types))
        .post("/v1/webhooks")
        .then()
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.containsString("/v1/webhooks/"))
        .extract()
        .jsonPath();
  }

  /** The run's end, appended as the worker appends it: the database queues its deliveries. */
  private static void appendSucceeded(String tenant, String runId) throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement ps =
            c.prepareStatement(
                "select append_run_event(?, ?::uuid, 'end', 'run.succeeded',"
                    + " '{\"status\":\"succeeded\",\"steps\":1,\"totalTokens\":0}'::jsonb)")) {
      ps.setString(1, tenant);
      ps.setString(2, runId);
      ps.executeQuery().close();
    }
  }

  private static byte[] column(String id, String column) throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement("select " + column + " from webhook where id = ?")) {
      s.setObject(1, UUID.fromString(id));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }
}
