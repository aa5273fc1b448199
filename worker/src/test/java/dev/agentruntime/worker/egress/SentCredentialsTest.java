package dev.agentruntime.worker.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SentCredentialsTest {

  @Test
  void aBearerTokenEchoedByTheServerIsRedactedWithOrWithoutItsScheme() {
    Map<String, String> sent =
        Map.of("Authorization", "Bearer sk-planted-1234", "Accept", "application/json");

    assertThat(
            SentCredentials.redact(
                "{\"error\":\"bad key sk-planted-1234 in Bearer sk-planted-1234\"}", sent))
        .isEqualTo("{\"error\":\"bad key [redacted] in [redacted]\"}");
  }

  @Test
  void anApiKeyHeaderIsRedactedAndOtherHeadersAreNot() {
    Map<String, String> sent = Map.of("x-api-key", "anthropic-key-9", "Accept", "application/json");

    assertThat(SentCredentials.redact("key anthropic-key-9 wants application/json", sent))
        .isEqualTo("key [redacted] wants application/json");
  }
}
