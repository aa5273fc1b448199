package dev.agentruntime.api.run;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a client sends is stored and answered exactly as sent: a run's input, an agent's fields and
 * a spec. Idempotency keys are taken exactly, or refused.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InputFidelityTest {

  /** Reads numbers as exact decimals, so a comparison sees any change of value. */
  private static final ObjectMapper EXACT =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Two numbers are the same value whatever their notation (1e15 and 1000000000000000). */
  private static final Comparator<JsonNode> SAME_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
        }
        return a.equals(b) ? 0 : 1;
      };

  private static final String INPUT =
      "{\"tenth\":0.1,\"big\":1e15,\"maxSafe\":9007199254740991,\"neg\":-0.5,"
          + "\"text\":\"Zo\u00eb \\ud83d\\ude00 \\u2028 \\\"q\\\" \\\\ \\u0001\",\"list\":[true,false,null,[],{}],"
          + "\"nested\":{\"deep\":{\"x\":\"\"}}}";

  private String tenant;

  @BeforeEach
  void setUp() {
    tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "echo");
  }

  @Test
  void aRunsInputIsStoredAndAnsweredExactlyAsSent() throws Exception {
    String body = "{\"agentName\":\"echo\",\"input\":" + INPUT + "}";
    String runId =
        as(tenantToken(tenant))
            .body(body)
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonNode sent = EXACT.readTree(INPUT);
    String answered = as(tenantToken(tenant)).get("/v1/runs/" + runId).then().extract().asString();
    assertThat(sent.equals(SAME_VALUE, EXACT.readTree(answered).get("input"))).isTrue();
    assertThat(sent.equals(SAME_VALUE, EXACT.readTree(storedInput(runId)))).isTrue();
  }

  @Test
  void aSpecIsStoredAsSentWithoutAddedDefaults() throws Exception {
    String agentId = TestApi.newAgent(tenant, "exact");
    String spec =
        "{\"model\":{\"provider\":\"demo\",\"temperature\":0.25},\"instructions\":\"Be exact \\ud83d\\ude00\"}";
    String answered =
        as(tenantToken(tenant))
            .body("{\"spec\":" + spec + "}")
            .post("/v1/agents/" + agentId + "/versions")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    assertThat(EXACT.readTree(spec).equals(SAME_VALUE, EXACT.readTree(answered).get("spec")))
        .as("the spec as answered: %s", answered)
        .isTrue();
  }

  @Test
  void anAgentsDescriptionKeepsEveryCharacter() {
    String description = "Line one\nline two\t\u00e9\u4e2d\uD83D\uDE00 \\ \"quoted\"";
    String id =
        as(tenantToken(tenant))
            .body(java.util.Map.of("name", "described", "description", description))
            .post("/v1/agents")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(
            as(tenantToken(tenant))
                .get("/v1/agents/" + id)
                .then()
                .extract()
                .<String>path("description"))
        .isEqualTo(description);
  }

  @Test
  void anEmptyBlankOrNonAsciiIdempotencyKeyIsRefusedNotIgnored() throws Exception {
    WrittenRows rows = WrittenRows.snapshot();
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (String key :
        new String[] {"", " ", "  ", "a b", "caf\u00e9", "k".repeat(201), "tab\tkey"}) {
      Response response =
          as(tenantToken(tenant))
              .header("Idempotency-Key", key)
              .body("{\"agentName\":\"echo\",\"input\":{}}")
              .post("/v1/runs");
      statuses.put("[" + key + "]", response.statusCode());
      if (response.statusCode() == 400) {
        response
            .then()
            .contentType("application/problem+json")
            .body("violations.field", org.hamcrest.Matchers.hasItem("Idempotency-Key"));
      }
    }
    assertThat(statuses).allSatisfy((key, status) -> assertThat(status).as(key).isEqualTo(400));
    rows.assertNothingWritten();
  }

  @Test
  void idempotencyKeysAreComparedExactly() {
    String lower = post("order-7a");
    String upper = post("ORDER-7A");
    String longest = post("~" + "k".repeat(199));
    assertThat(lower).isNotEqualTo(upper);
    assertThat(post("order-7a")).isEqualTo(lower);
    assertThat(post("~" + "k".repeat(199))).isEqualTo(longest);
  }

  private String post(String key) {
    return as(tenantToken(tenant))
        .header("Idempotency-Key", key)
        .body("{\"agentName\":\"echo\",\"input\":{}}")
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static String storedInput(String runId) throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s = c.prepareStatement("select input::text from run where id = ?")) {
      s.setObject(1, UUID.fromString(runId));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
