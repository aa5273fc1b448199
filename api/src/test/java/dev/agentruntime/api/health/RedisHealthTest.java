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
 * While Redis is unreachable the dependencies' health names it DOWN, the API stays ready (a load
 * balancer keeps sending it requests) and still admits runs; once Redis is back it is UP.
 */
@QuarkusTest
@WithTestResource(value = WithoutRedisServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RedisHealthTest {

  @ConfigProperty(name = "agent-runtime.redis.url")
  String url;

  @Test
  void redisIsReportedDownWhileTheApiStaysReadyAndAdmitsThenUpOnceItAnswers() {
    HealthAnswer down = HealthAnswer.dependencies();

    assertThat(down.httpStatus()).isEqualTo(503);
    assertThat(down.checks())
        .containsEntry(RedisHealth.NAME, "DOWN")
        .containsEntry(TemporalHealth.NAME, "UP");
    // Within a monitor's (or a load balancer's) 5 s health check timeout.
    assertThat(down.took()).isLessThan(Duration.ofSeconds(5));
    HealthAnswer ready = HealthAnswer.readiness();
    assertThat(ready.httpStatus()).isEqualTo(200);
    assertThat(ready.checks()).doesNotContainKey(RedisHealth.NAME);
    assertThat(ready.took()).isLessThan(Duration.ofSeconds(5));
    // Admissions go on without the rate limit.
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
                HealthAnswer up = HealthAnswer.dependencies();
                assertThat(up.checks()).containsEntry(RedisHealth.NAME, "UP");
                assertThat(up.httpStatus()).isEqualTo(200);
              });
    }
  }
}
