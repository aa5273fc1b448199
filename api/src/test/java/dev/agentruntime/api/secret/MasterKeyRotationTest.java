package dev.agentruntime.api.secret;

import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.secret.TestSecrets.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.secret.MasterKey;
import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.core.secret.SecretEnvelope;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A master key rotation re-wraps every tenant data key under the new key, and the values sealed
 * before it still open; a data key under a key the keyring lacks stops it. The rotation runs over
 * every tenant of the test database, so each test leaves every data key under the API's own key.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MasterKeyRotationTest {

  @Inject MasterKeyRotation rotation;

  @Test
  void dataKeysAreRewrappedUnderTheNewKeyAndSealedValuesStillOpen() throws Exception {
    String tenant = TestApi.newTenant();
    put(tenantToken(tenant), "ROTATED", "sk-before-rotation").then().statusCode(201);
    MasterKeyring configured = TestSecrets.configuredKeyring();
    MasterKey a = configured.active();
    MasterKey b = newKeyFile();
    assertThat(TestSecrets.masterKeyId(tenant)).isEqualTo(a.id());
    byte[] sealed = TestSecrets.sealed(tenant, "ROTATED");
    try {
      int rewrapped = rotation.rotate(Optional.of(new MasterKeyring(List.of(b, a))));

      assertThat((long) rewrapped).isEqualTo(count("tenant_data_key")).isPositive();
      assertThat(count("tenant_data_key", "master_key_id <> ?", b.id())).isZero();
      assertThat(count("tenant_data_key", "tenant_id = ? and rewrapped_at is not null", tenant))
          .isEqualTo(1);
      byte[] dataKey = TestSecrets.dataKey(tenant, b);
      assertThat(SecretEnvelope.open(dataKey, tenant, "ROTATED", sealed))
          .isEqualTo("sk-before-rotation".getBytes(StandardCharsets.UTF_8));
      assertThat(TestSecrets.sealed(tenant, "ROTATED")).isEqualTo(sealed);
      assertThatThrownBy(() -> TestSecrets.dataKey(tenant, a))
          .isInstanceOf(SecretCryptoException.class);
      // Done is done: a second run finds nothing to re-wrap.
      assertThat(rotation.rotate(Optional.of(new MasterKeyring(List.of(b, a))))).isZero();
    } finally {
      // Back under the API's own key, for the tests that follow (and a rotation the other way).
      rotation.rotate(Optional.of(new MasterKeyring(List.of(a, b))));
    }
    assertThat(TestSecrets.masterKeyId(tenant)).isEqualTo(a.id());
    assertThat(SecretEnvelope.open(TestSecrets.dataKey(tenant, a), tenant, "ROTATED", sealed))
        .isEqualTo("sk-before-rotation".getBytes(StandardCharsets.UTF_8));
    put(tenantToken(tenant), "ROTATED", "sk-after-rotation")
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
  }

  @Test
  void aDataKeyUnderAKeyTheKeyringLacksStopsTheRotationNamingTenantAndKey() throws Exception {
    String tenant = TestApi.newTenant();
    MasterKey unknown = new MasterKey(random(MasterKey.BYTES));
    byte[] wrapped = SecretEnvelope.wrap(unknown, tenant, SecretEnvelope.newDataKey());
    TestSecrets.execute(
        "insert into tenant_data_key (tenant_id, master_key_id, wrapped_key) values (?, ?, ?)",
        tenant,
        unknown.id(),
        wrapped);
    try {
      assertThatThrownBy(() -> rotation.rotate(Optional.of(TestSecrets.configuredKeyring())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("tenant " + tenant)
          .hasMessageContaining("master key " + unknown.id())
          .hasMessageContaining("list the old key after the new one");
      assertThat(TestSecrets.masterKeyId(tenant)).isEqualTo(unknown.id());
      assertThat(TestSecrets.wrappedKey(tenant)).isEqualTo(wrapped);
      // A put for that tenant cannot seal either, and says why without a key in it.
      put(tenantToken(tenant), "ANY", "sk-x")
          .then()
          .statusCode(503)
          .body("type", equalTo("https://agent-runtime.dev/problems/secret-store-unavailable"));
      assertThat(count("tenant_secret", "tenant_id = ?", tenant)).isZero();
    } finally {
      TestSecrets.execute("delete from tenant_data_key where tenant_id = ?", tenant);
    }
  }

  private static MasterKey newKeyFile() throws Exception {
    Path dir = Files.createTempDirectory("master-key-b");
    Path file = dir.resolve("master-key-b-test-only");
    MasterKeyring.writeNewKey(file);
    try {
      return MasterKeyring.load(List.of(file)).active();
    } finally {
      Files.delete(file);
      Files.delete(dir);
    }
  }

  private static byte[] random(int bytes) {
    byte[] out = new byte[bytes];
    new SecureRandom().nextBytes(out);
    return out;
  }
}
