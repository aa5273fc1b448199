package dev.agentruntime.api.metrics;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.testkit.PrometheusText;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics} after real admissions, read without a token as an operator's scraper does. */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApiMetricsTest {

  @Inject PendingApprovalsGauge pendingApprovals;

  private static PrometheusText scrape() {
    String body = given().get("/q/metrics").then().statusCode(200).extract().body().asString();
    return new PrometheusText(body);
  }

  private static String admit(String tenant, String agent, String idempotencyKey) {
    var request = as(tenantToken(tenant));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request
        .body(Map.of("agentName", agent, "input", Map.of("message", "hi")))
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  @Test
  void anAdmittedRunIsCountedForItsTenantAndAgentAndTimed() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "metered");
    double admittedBefore = scrape().sum("agent_runtime_admission_seconds_count");

    admit(tenant, "metered", "key-1");
    admit(tenant, "metered", "key-1"); // a replay creates nothing

    PrometheusText metrics = scrape();
    assertThat(
            metrics.sum(
                "agent_runtime_runs_admitted_total", Map.of("tenant", tenant, "agent", "metered")))
        .isEqualTo(1.0);
    assertThat(metrics.sum("agent_runtime_admission_seconds_count", Map.of("outcome", "admitted")))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(metrics.sum("agent_runtime_admission_seconds_count", Map.of("outcome", "replayed")))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(metrics.sum("agent_runtime_admission_seconds_count"))
        .isGreaterThanOrEqualTo(admittedBefore + 2);
    // A histogram, so p99 can be computed across instances (histogram_quantile).
    assertThat(
            metrics.sum(
                "agent_runtime_admission_seconds_bucket",
                Map.of("outcome", "admitted", "le", "+Inf")))
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void aRefusedRunIsCountedByReasonAndNotAdmitted() {
    String tenant = TestApi.newTenant();

    as(tenantToken(tenant))
        .body(Map.of("agentName", "nobody", "input", Map.of()))
        .post("/v1/runs")
        .then()
        .statusCode(404);

    PrometheusText metrics = scrape();
    assertThat(
            metrics.sum(
                "agent_runtime_runs_refused_total",
                Map.of("tenant", tenant, "reason", "not_found")))
        .isEqualTo(1.0);
    assertThat(metrics.sum("agent_runtime_runs_admitted_total", Map.of("tenant", tenant))).isZero();
  }

  @Test
  void pendingApprovalsAreGaugedPerTenantFromTheDatabase() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "gated");
    String runId = admit(tenant, "gated", null);
    String approvalId = pendingApproval(tenant, runId);

    pendingApprovals.refresh();
    assertThat(scrape().sum("agent_runtime_approvals_pending", Map.of("tenant", tenant)))
        .isEqualTo(1.0);

    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement("update run_approval set status = 'expired' where id = ?")) {
      s.setString(1, approvalId);
      s.executeUpdate();
    }
    pendingApprovals.refresh();
    PrometheusText metrics = scrape();
    assertThat(metrics.has("agent_runtime_approvals_pending")).isTrue();
    assertThat(metrics.sum("agent_runtime_approvals_pending", Map.of("tenant", tenant))).isZero();
  }

  /** A pending approval row, as the worker writes it when a gated tool call waits. */
  private static String pendingApproval(String tenant, String runId) throws Exception {
    String id = UUID.randomUUID().toString();
    String arguments = "{\"content\":\"hi\",\"name\":\"notes.txt\"}";
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "insert into run_approval (id, tenant_id, run_id, step, call_index, tool_call_id,"
                    + " tool_name, arguments, arguments_sha256, approver_roles, status,"
                    + " expires_at) values (?, ?, ?, 1, 0, 'call_1', 'write_artifact', ?, ?,"
                    + " array['approver'], 'pending', ?)")) {
      s.setString(1, id);
      s.setString(2, tenant);
      s.setObject(3, UUID.fromString(runId));
      s.setString(4, arguments);
      s.setString(5, CanonicalJson.sha256Hex(arguments));
      s.setTimestamp(6, Timestamp.from(Instant.now().plus(Duration.ofHours(1))));
      s.executeUpdate();
    }
    return id;
  }
}
