package dev.agentruntime.api.health;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithoutRedisServices;
import dev.agentruntime.embedded.LocalRedis;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The API is not ready while Redis is unreachable, still admits runs, and is ready once it is back.
 */
@QuarkusTest
@WithTestResource(value = WithoutRedisServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RedisReadinessTest {

  @ConfigProperty(name = "agent-runtime.redis.url")
  String url;

  @Test
  void notReadyNamingRedisWhileItIsDownThenReadyOnceItAnswers() {
    Readiness down = Readiness.now();

    assertThat(down.httpStatus()).isEqualTo(503);
    assertThat(down.checks())
        .containsEntry(RedisReadiness.NAME, "DOWN")
        .containsEntry(TemporalReadiness.NAME, "UP");
    // Within the load balancer's 5 s health check timeout.
    assertThat(down.took()).isLessThan(Duration.ofSeconds(5));
    // Not ready, yet not refusing: admissions go on without the rate limit.
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "no-redis");
    as(tenantToken(tenant))
        .body(Map.of("agentName", "no-redis", "input", Map.of("x", 1)))
        .post("/v1/runs")
        .then()
        .statusCode(202);

    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    try (LocalRedis redis = LocalRedis.start(port)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Readiness up = Readiness.now();
                assertThat(up.checks()).containsEntry(RedisReadiness.NAME, "UP");
                assertThat(up.httpStatus()).isEqualTo(200);
              });
    }
  }
}
