package dev.agentruntime.api.secret;

import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.secret.TestSecrets.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithUnreachableKmsServices;
import dev.agentruntime.api.WrittenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** AWS KMS unreachable: a secret cannot be written, the answer is 503 and nothing is stored. */
@QuarkusTest
@WithTestResource(
    value = WithUnreachableKmsServices.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class SecretStoreWithUnreachableKmsTest {

  @Test
  void aPutIsA503AndWritesNothing() throws Exception {
    String tenant = TestApi.newTenant();
    WrittenRows before = WrittenRows.snapshot();
    String answer =
        put(tenantToken(tenant), "OPENAI_KEY", "sk-not-stored-9a2e")
            .then()
            .statusCode(503)
            .contentType("application/problem+json")
            .body("type", equalTo("https://agent-runtime.dev/problems/secret-store-unavailable"))
            .body("detail", containsString("key management service"))
            .extract()
            .asString();
    assertThat(answer).doesNotContain("sk-not-stored-9a2e");
    before.assertNothingWritten();
  }
}
