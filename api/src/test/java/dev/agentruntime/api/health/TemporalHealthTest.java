package dev.agentruntime.api.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.api.WithoutTemporalServices;
import dev.agentruntime.embedded.LocalTemporal;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The API is not ready while Temporal is unreachable and is once it answers. (That runs admitted
 * meanwhile start when it is back: {@code TemporalOutageTest}.)
 */
@QuarkusTest
@WithTestResource(
    value = WithoutTemporalServices.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class TemporalHealthTest {

  @ConfigProperty(name = "agent-runtime.temporal.target")
  String target;

  @Test
  void temporalIsReportedDownWhileTheApiStaysReadyThenUpOnceItAnswers() {
    HealthAnswer down = HealthAnswer.dependencies();

    assertThat(down.httpStatus()).isEqualTo(503);
    assertThat(down.checks())
        .containsEntry(TemporalHealth.NAME, "DOWN")
        .containsEntry(RedisHealth.NAME, "UP");
    assertThat(down.took()).isLessThan(Duration.ofSeconds(5));
    // Runs are still admitted (and started by the reconciler later): the API stays in rotation.
    HealthAnswer ready = HealthAnswer.readiness();
    assertThat(ready.httpStatus()).isEqualTo(200);
    assertThat(ready.checks()).doesNotContainKey(TemporalHealth.NAME);

    int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    try (LocalTemporal temporal = LocalTemporal.start(port)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HealthAnswer up = HealthAnswer.dependencies();
                assertThat(up.checks()).containsEntry(TemporalHealth.NAME, "UP");
                assertThat(up.httpStatus()).isEqualTo(200);
              });
    }
  }
}
