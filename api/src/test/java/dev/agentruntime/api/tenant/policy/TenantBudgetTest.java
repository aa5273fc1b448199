package dev.agentruntime.api.tenant.policy;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.platformAdminToken;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tenant budgets over HTTP: setting and reading them with the current period's spend, the 429 of a
 * spent budget (naming it, with Retry-After, writing nothing) until the period resets, bad budgets
 * refused, and only a platform administrator may see or set them. The counting itself is the
 * database's (TenantSpendTest in the worker), and so is stopping a running run
 * (TenantBudgetWorkflowTest).
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantBudgetTest {

  @Test
  void aSpentTokenBudgetRefusesNewRunsWith429UntilThePeriodResets() throws Exception {
    String tenant = TestApi.newTenant();
    String agent = TestApi.agentWithVersion(tenant, "spender");
    String path = "/v1/tenants/" + tenant + "/policy";
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    as(platformAdminToken())
        .body(
            Map.of(
                "maxConcurrentRuns",
                10,
                "tokenBudget",
                Map.of("period", "day", "limit", 1000, "softThresholdPercent", 50)))
        .put(path)
        .then()
        .statusCode(200)
        .body("tokenBudget.period", equalTo("day"))
        .body("tokenBudget.limit", equalTo(1000))
        .body("tokenBudget.softThresholdPercent", equalTo(50))
        .body("tokenBudget.unit", equalTo("tokens"))
        .body("tokenBudget.periodStart", equalTo(today.toString()))
        .body("tokenBudget.resetsAt", equalTo(today.plusDays(1) + "T00:00:00Z"))
        .body("tokenBudget.spent", equalTo(0))
        .body("tokenBudget.exceeded", equalTo(false))
        .body("costBudget.limit", equalTo(null))
        .body("costBudget.period", equalTo("month"))
        .body("costBudget.unit", equalTo("USD"));
    // 1200 tokens counted today, as the worker's steps would have.
    spend(tenant, "day", today, 1200);

    as(platformAdminToken())
        .get(path)
        .then()
        .statusCode(200)
        .body("tokenBudget.spent", equalTo(1200))
        .body("tokenBudget.softExceeded", equalTo(true))
        .body("tokenBudget.exceeded", equalTo(true));
    WrittenRows before = WrittenRows.snapshot();
    Response refused =
        as(tenantToken(tenant))
            .body(Map.of("agentId", agent, "input", Map.of("n", 1)))
            .post("/v1/runs");

    refused
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .body("type", endsWith("tenant-budget-exceeded"))
        .body(
            "detail",
            containsString(
                "tenant token budget for day "
                    + today
                    + " spent: 1200 of 1000 tokens, resets at "
                    + today.plusDays(1)
                    + "T00:00:00Z"));
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    long untilMidnight =
        java.time.Duration.between(
                java.time.Instant.now(),
                ZonedDateTime.of(today.plusDays(1).atStartOfDay(), ZoneOffset.UTC).toInstant())
            .toSeconds();
    assertThat(retryAfter).isBetween(Math.max(1, untilMidnight - 60), untilMidnight + 60);
    before.assertNothingWritten();

    // The day ends: what was counted is yesterday's, and runs start again.
    execute(
        "update tenant_spend set period_start = period_start - 1"
            + " where tenant_id = ? and period = 'day'",
        tenant);
    as(tenantToken(tenant))
        .body(Map.of("agentId", agent, "input", Map.of("n", 2)))
        .post("/v1/runs")
        .then()
        .statusCode(202);
  }

  @Test
  void badBudgetsAreRefusedWithNothingChanged() throws Exception {
    String tenant = TestApi.newTenant();
    String path = "/v1/tenants/" + tenant + "/policy";
    WrittenRows before = WrittenRows.snapshot();
    for (Map<String, Object> budget :
        java.util.List.<Map<String, Object>>of(
            Map.of("period", "week", "limit", 10),
            Map.of("period", "day", "limit", 0),
            Map.of("period", "day", "limit", -5),
            Map.of("period", "day", "limit", 10, "softThresholdPercent", 101),
            Map.of("period", "day"),
            Map.of("period", "day", "limit", 1.5))) {
      as(platformAdminToken())
          .body(Map.of("maxConcurrentRuns", 10, "tokenBudget", budget))
          .put(path)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    putCostLimit(path, "0.0000001").statusCode(400);
    before.assertNothingWritten();
    // A cost limit to the millionth is fine.
    putCostLimit(path, "12.345678").statusCode(200).body("costBudget.limit", equalTo(12.345678f));
  }

  @Test
  void onlyAPlatformAdministratorSeesOrSetsBudgetsAndAnUnknownTenantIsNotFound() throws Exception {
    String tenant = TestApi.newTenant();
    String other = TestApi.newTenant();
    Map<String, Object> budget =
        Map.of("maxConcurrentRuns", 10, "tokenBudget", Map.of("period", "day", "limit", 1_000_000));
    WrittenRows before = WrittenRows.snapshot();
    // A tenant's own token, for its own or another tenant's policy: the platform's to give.
    for (String target : new String[] {tenant, other}) {
      as(tenantToken(tenant)).get("/v1/tenants/" + target + "/policy").then().statusCode(403);
      as(tenantToken(tenant))
          .body(budget)
          .put("/v1/tenants/" + target + "/policy")
          .then()
          .statusCode(403);
    }
    as(platformAdminToken()).get("/v1/tenants/no-such-tenant/policy").then().statusCode(404);
    as(platformAdminToken())
        .body(budget)
        .put("/v1/tenants/no-such-tenant/policy")
        .then()
        .statusCode(404);
    before.assertNothingWritten();
  }

  @Test
  void theOperatorsPriceTableIsCopiedToTheDatabaseForCostBudgets() throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "select input_per_million, output_per_million from model_price"
                    + " where provider = 'openai' and model = 'gpt-test'");
        ResultSet rs = s.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("2.50");
      assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("10");
    }
  }

  private static ValidatableResponse putCostLimit(String path, String limit) {
    return as(platformAdminToken())
        .body(
            Map.of(
                "maxConcurrentRuns",
                10,
                "costBudget",
                Map.of("period", "month", "limit", new BigDecimal(limit))))
        .put(path)
        .then();
  }

  private static void spend(String tenant, String period, LocalDate start, long tokens)
      throws Exception {
    execute(
        "insert into tenant_spend (tenant_id, period, period_start, tokens) values (?, ?, ?, ?)",
        tenant,
        period,
        start,
        tokens);
  }

  private static void execute(String sql, Object... params) throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }
}
