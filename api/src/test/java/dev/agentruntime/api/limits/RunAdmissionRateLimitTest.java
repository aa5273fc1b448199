package dev.agentruntime.api.limits;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RunAdmissionRateLimitTest.OneRunPerSecond.class)
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunAdmissionRateLimitTest {

  public static class OneRunPerSecond implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("agent-runtime.limits.run-admissions-per-second", "1");
    }
  }

  @Test
  void runsOverTheTenantsRateAreRefusedWith429AndRetryAfter() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "limited");
    List<Response> responses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      responses.add(
          as(tenantToken(tenant))
              .body(Map.of("agentName", "limited", "input", Map.of("i", i)))
              .post("/v1/runs"));
    }
    long accepted = responses.stream().filter(r -> r.statusCode() == 202).count();
    Response limited =
        responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
    limited
        .then()
        .contentType("application/problem+json")
        .body("status", equalTo(429))
        .header("Retry-After", "1");
    assertThat(accepted).isBetween(1L, 2L);
    assertThat(count("run", "tenant_id = ?", tenant)).isEqualTo(accepted);

    // Another tenant has its own budget.
    String other = TestApi.newTenant();
    TestApi.agentWithVersion(other, "limited");
    as(tenantToken(other))
        .body(Map.of("agentName", "limited", "input", Map.of()))
        .post("/v1/runs")
        .then()
        .statusCode(202);
  }

  @Test
  void replaysOfAnAdmittedRequestDoNotSpendTheRate() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "replayed");
    String first =
        as(tenantToken(tenant))
            .header("Idempotency-Key", "replay-me")
            .body(Map.of("agentName", "replayed", "input", Map.of()))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    // At one admission per second, ten immediate replays would be refused if they took a permit.
    for (int i = 0; i < 10; i++) {
      as(tenantToken(tenant))
          .header("Idempotency-Key", "replay-me")
          .body(Map.of("agentName", "replayed", "input", Map.of()))
          .post("/v1/runs")
          .then()
          .statusCode(202)
          .body("id", equalTo(first));
    }
    assertThat(count("run", "tenant_id = ?", tenant)).isEqualTo(1);
  }
}
