package dev.agentruntime.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Standalone mode turns tracing on when an OTLP endpoint is configured, and only then. */
class StackTracingTest {

  @Test
  void anOtlpEndpointTurnsTracingOnUnlessItIsTurnedOffExplicitly() {
    assertThat(Stack.tracing(Map.of())).isEmpty();
    assertThat(
            Stack.tracing(Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")))
        .containsExactly(Map.entry("quarkus.otel.sdk.disabled", "false"));
    assertThat(
            Stack.tracing(
                Map.of(
                    "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                    "QUARKUS_OTEL_SDK_DISABLED", "true")))
        .isEmpty();
  }
}
