package dev.agentruntime.api.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/usage} on the real tiers: usage is recorded as the worker records it (a
 * model.call.completed event, whose trigger writes the usage row in the same commit), summed and
 * priced by the API with the test profile's price table (openai/gpt-test: 2.50 per million input
 * tokens, 10 per million output tokens; nothing else priced).
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UsageResourceTest {

  private final Instant from = Instant.now().minus(1, ChronoUnit.HOURS);
  private final Instant to = Instant.now().plus(1, ChronoUnit.HOURS);

  @Test
  void sumsAndCostByModelAreRightForKnownTokenCounts() throws Exception {
    String tenant = TestApi.newTenant();
    String run = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "writer"));
    modelCall(tenant, run, 1, "openai", "gpt-test", 1_000, 200);
    modelCall(tenant, run, 2, "openai", "gpt-test", 3_000, 800);
    modelCall(tenant, run, 3, "ollama", "llama3", 500, 100);
    // Step 1 recorded again (a retried attempt that also got an answer): counted once, as first.
    modelCall(tenant, run, 1, "openai", "gpt-test", 9_999, 9_999);

    JsonPath usage = usage(TestApi.tenantToken(tenant), "model", null);

    assertThat(usage.getString("tenant")).isEqualTo(tenant);
    assertThat(usage.getString("groupBy")).isEqualTo("model");
    assertThat(usage.getString("currency")).isEqualTo("USD");
    assertThat(usage.getList("groups.key")).containsExactly("ollama/llama3", "openai/gpt-test");
    assertThat(totals(usage, "groups[1].totals")).isEqualTo(List.of(2L, 4_000L, 1_000L));
    // 4000 x 2.50 / 1e6 + 1000 x 10 / 1e6, exactly.
    assertThat(cost(usage, "groups[1].totals")).isEqualByComparingTo("0.02");
    assertThat(totals(usage, "groups[0].totals")).isEqualTo(List.of(1L, 500L, 100L));
    assertThat(usage.getString("groups[0].totals.cost")).isNull(); // not priced: unknown, not 0
    assertThat(totals(usage, "total")).isEqualTo(List.of(3L, 4_500L, 1_100L));
    assertThat(usage.getString("total.cost")).isNull();
  }

  @Test
  void anEventTheWorkerNeverWritesIsStillRecordedButCountsNoUsage() throws Exception {
    String tenant = TestApi.newTenant();
    String run = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "writer"));
    for (String payload : List.of("{}", "{\"step\":\"one\",\"tokens\":5}", "{\"step\":0}")) {
      append(tenant, run, "odd-" + payload.hashCode(), payload);
    }
    // An older worker's event (no split, no model): all input, the pinned spec's provider.
    append(tenant, run, "step-4/model", "{\"step\":4,\"tokens\":\"x\"}");
    append(tenant, run, "step-5/model", "{\"step\":5,\"tokens\":42}");

    assertThat(TestApi.count("run_event", "tenant_id = ?", tenant)).isGreaterThanOrEqualTo(6);
    JsonPath usage = usage(TestApi.tenantToken(tenant), "model", null);
    assertThat(usage.getList("groups.key")).containsExactly("demo");
    assertThat(totals(usage, "total")).isEqualTo(List.of(2L, 42L, 0L));
  }

  @Test
  void groupsByAgentAndByDayAddUpToTheSameTotals() throws Exception {
    String tenant = TestApi.newTenant();
    String writer = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "writer"));
    String critic = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "critic"));
    modelCall(tenant, writer, 1, "openai", "gpt-test", 100_000, 20_000);
    modelCall(tenant, writer, 2, "openai", "gpt-test", 100_000, 20_000);
    modelCall(tenant, critic, 1, "openai", "gpt-test", 400_000, 0);

    JsonPath byAgent = usage(TestApi.tenantToken(tenant), "agent", null);
    assertThat(byAgent.getList("groups.key")).containsExactly("critic", "writer");
    assertThat(totals(byAgent, "groups[0].totals")).isEqualTo(List.of(1L, 400_000L, 0L));
    assertThat(cost(byAgent, "groups[0].totals")).isEqualByComparingTo("1.00");
    assertThat(totals(byAgent, "groups[1].totals")).isEqualTo(List.of(2L, 200_000L, 40_000L));
    assertThat(cost(byAgent, "groups[1].totals")).isEqualByComparingTo("0.90");
    assertThat(cost(byAgent, "total")).isEqualByComparingTo("1.90");

    JsonPath byDay = usage(TestApi.tenantToken(tenant), "day", null);
    List<String> days = byDay.getList("groups.key");
    assertThat(days).isNotEmpty().allMatch(d -> d.matches("\\d{4}-\\d{2}-\\d{2}"));
    assertThat(days).contains(Instant.now().atOffset(ZoneOffset.UTC).toLocalDate().toString());
    assertThat(totals(byDay, "total")).isEqualTo(List.of(3L, 600_000L, 40_000L));
    assertThat(cost(byDay, "total")).isEqualByComparingTo("1.90");
  }

  @Test
  void anotherTenantsUsageIsNeverIncluded() throws Exception {
    String mine = TestApi.newTenant();
    String theirs = TestApi.newTenant();
    modelCall(
        mine,
        TestApi.startRun(mine, TestApi.agentWithVersion(mine, "writer")),
        1,
        "openai",
        "gpt-test",
        10,
        5);
    modelCall(
        theirs,
        TestApi.startRun(theirs, TestApi.agentWithVersion(theirs, "writer")),
        1,
        "openai",
        "gpt-test",
        7_000,
        3_000);

    for (String groupBy : List.of("agent", "model", "day")) {
      JsonPath usage = usage(TestApi.tenantToken(mine), groupBy, null);
      assertThat(totals(usage, "total")).as(groupBy).isEqualTo(List.of(1L, 10L, 5L));
    }
    // Naming another tenant is refused, whether it exists or not: nothing to learn from it.
    for (String other : List.of(theirs, "no-such-tenant")) {
      TestApi.as(TestApi.tenantToken(mine))
          .queryParams(range("model"))
          .queryParam("tenant", other)
          .get("/v1/usage")
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
    // A viewer reads its own tenant, naming it or not.
    JsonPath viewer = usage(TestApi.tokenWithRoles(mine, "viewer"), "model", mine);
    assertThat(totals(viewer, "total")).isEqualTo(List.of(1L, 10L, 5L));
    // A platform-admin reads any tenant it names; naming none, its token's own tenant, and a
    // token that names no tenant must name one.
    JsonPath admin = usage(TestApi.platformAdminToken(), "model", theirs);
    assertThat(totals(admin, "total")).isEqualTo(List.of(1L, 7_000L, 3_000L));
    JsonPath adminOfMine = usage(TestApi.tokenWithRoles(mine, "platform-admin"), "model", null);
    assertThat(totals(adminOfMine, "total")).isEqualTo(List.of(1L, 10L, 5L));
    TestApi.as(TestApi.platformAdminToken())
        .queryParams(range("model"))
        .get("/v1/usage")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("tenant"));
    TestApi.as(TestApi.platformAdminToken())
        .queryParams(range("model"))
        .queryParam("tenant", "no-such-tenant")
        .get("/v1/usage")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void badParametersAreA400NamingTheParameter() {
    String token = TestApi.tenantToken(TestApi.newTenant());
    Map<String, Map<String, String>> bad =
        Map.of(
            "from",
            Map.of("to", to.toString()),
            "to",
            Map.of("from", from.toString(), "to", from.minusSeconds(1).toString()),
            "groupBy",
            Map.of("from", from.toString(), "to", to.toString(), "groupBy", "week"),
            "tenant",
            Map.of("from", from.toString(), "to", to.toString(), "tenant", "Not A Tenant"));
    bad.forEach(
        (parameter, params) ->
            TestApi.as(token)
                .queryParams(params)
                .get("/v1/usage")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(parameter)));
    // A range longer than 366 days, a date that is not RFC 3339, an empty value.
    for (Map<String, String> params :
        List.of(
            Map.of("from", "2020-01-01T00:00:00Z", "to", "2021-01-02T00:00:01Z"),
            Map.of("from", "yesterday", "to", to.toString()),
            Map.of("from", from.toString(), "to", to.toString(), "groupBy", ""))) {
      TestApi.as(token)
          .queryParams(params)
          .get("/v1/usage")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    TestApi.as(token)
        .queryParams(Map.of("from", "2020-01-01T00:00:00Z", "to", "2021-01-01T00:00:00Z"))
        .get("/v1/usage")
        .then()
        .statusCode(200)
        .body("total.calls", equalTo(0))
        .body("total.cost", equalTo(0));
  }

  private Map<String, String> range(String groupBy) {
    return Map.of("from", from.toString(), "to", to.toString(), "groupBy", groupBy);
  }

  private JsonPath usage(String token, String groupBy, String tenant) {
    var request = TestApi.as(token).queryParams(range(groupBy));
    if (tenant != null) {
      request.queryParam("tenant", tenant);
    }
    return request
        .get("/v1/usage")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
  }

  private static List<Long> totals(JsonPath usage, String path) {
    return List.of(
        usage.getLong(path + ".calls"),
        usage.getLong(path + ".inputTokens"),
        usage.getLong(path + ".outputTokens"));
  }

  private static BigDecimal cost(JsonPath usage, String path) {
    return new BigDecimal(usage.getString(path + ".cost"));
  }

  /** A model step's completion, appended as the worker appends it (its usage row by trigger). */
  private static void modelCall(
      String tenant, String run, int step, String provider, String model, long in, long out)
      throws Exception {
    String payload =
        String.format(
            "{\"step\":%d,\"attempt\":1,\"tokens\":%d,\"idempotencyKey\":\"k%d\","
                + "\"finishReason\":\"STOP\",\"toolCalls\":[],\"provider\":\"%s\",\"model\":\"%s\","
                + "\"inputTokens\":%d,\"outputTokens\":%d}",
            step, in + out, step, provider, model, in, out);
    append(tenant, run, "step-" + step + "/model", payload);
  }

  private static void append(String tenant, String run, String key, String payload)
      throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "select append_run_event(?, ?, ?, 'model.call.completed', ?::jsonb)")) {
      s.setString(1, tenant);
      s.setObject(2, UUID.fromString(run));
      s.setString(3, key);
      s.setString(4, payload);
      s.executeQuery().close();
    }
  }
}
