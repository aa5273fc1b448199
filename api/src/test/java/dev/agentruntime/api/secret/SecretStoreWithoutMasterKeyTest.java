package dev.agentruntime.api.secret;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.secret.TestSecrets.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.LogCapture;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithoutMasterKeyServices;
import dev.agentruntime.api.WrittenRows;
import dev.agentruntime.core.secret.MasterKey;
import dev.agentruntime.core.secret.SecretEnvelope;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Without {@code agent-runtime.secrets.master-key-files} the API starts, but a secret cannot be
 * written: the answer says what the operator must set. Reading and deleting still work.
 */
@QuarkusTest
@WithTestResource(
    value = WithoutMasterKeyServices.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class SecretStoreWithoutMasterKeyTest {

  @Inject SecretSettings settings;
  @Inject MasterKeyRotation rotation;

  @Test
  void aPutIsA503TellingTheOperatorWhatToSetAndWritesNothing() throws Exception {
    assertThat(settings.keyWrapping()).isEmpty();
    String tenant = TestApi.newTenant();
    WrittenRows before = WrittenRows.snapshot();
    String answer =
        put(tenantToken(tenant), "OPENAI_KEY", "sk-unstored-5e1d")
            .then()
            .statusCode(503)
            .contentType("application/problem+json")
            .body("type", equalTo("https://agent-runtime.dev/problems/secret-store-unavailable"))
            .body("title", equalTo("Secret store unavailable"))
            .body("detail", containsString("agent-runtime.secrets.master-key-files"))
            .extract()
            .asString();
    assertThat(answer).doesNotContain("sk-unstored-5e1d");
    before.assertNothingWritten();
    // A client mistake is still named as such.
    put(tenantToken(tenant), "OPENAI_KEY", "").then().statusCode(422);
  }

  @Test
  void listingReadingAndDeletingStillWork() {
    String tenant = TestApi.newTenant();
    as(tenantToken(tenant)).get("/v1/secrets").then().statusCode(200).body("size()", equalTo(0));
    as(tenantToken(tenant)).get("/v1/secrets/NONE").then().statusCode(404);
    as(tenantToken(tenant)).delete("/v1/secrets/NONE").then().statusCode(404);
  }

  @Test
  void dataKeysFoundWithoutAKeyringAreLeftAloneWithAWarning() throws Exception {
    String tenant = TestApi.newTenant();
    byte[] material = new byte[MasterKey.BYTES];
    new SecureRandom().nextBytes(material);
    MasterKey elsewhere = new MasterKey(material);
    byte[] wrapped = SecretEnvelope.wrap(elsewhere, tenant, SecretEnvelope.newDataKey());
    TestSecrets.execute(
        "insert into tenant_data_key (tenant_id, master_key_id, wrapped_key) values (?, ?, ?)",
        tenant,
        elsewhere.id(),
        wrapped);
    try (LogCapture log = LogCapture.start()) {
      assertThat(rotation.rotate(settings.keyWrapping())).isZero();
      assertThat(log.logged())
          .extracting(LogCapture::lineOf)
          .anyMatch(l -> l.contains("tenant data key(s) exist but no master key is set"));
    }
    assertThat(TestSecrets.wrappedKey(tenant)).isEqualTo(wrapped);
    assertThat(TestSecrets.masterKeyId(tenant)).isEqualTo(elsewhere.id());
  }
}
