package dev.agentruntime.api.secret;

import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.secret.TestSecrets.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.LayeredKeyWrapping;
import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.kms.KeyWrappingSettings;
import dev.agentruntime.testkit.LocalKms;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade from a master key to AWS KMS (a real KMS API server, local-kms): with {@code
 * kms-key-id} set and the old master key in {@code previous-master-keys}, the start-up rotation
 * re-wraps every tenant data key under KMS, and the values sealed before still open.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MasterKeyRotationToKmsTest {

  @TempDir static Path dir;
  static LocalKms kms;

  @Inject MasterKeyRotation rotation;

  @BeforeAll
  static void startKms() {
    System.setProperty("aws.accessKeyId", "test-key");
    System.setProperty("aws.secretAccessKey", "test-secret");
    kms = LocalKms.start(dir);
  }

  @AfterAll
  static void stopKms() {
    kms.close();
  }

  @Test
  void everyDataKeyIsRewrappedUnderKmsAndSealedValuesStillOpen() throws Exception {
    String tenant = TestApi.newTenant();
    put(tenantToken(tenant), "MIGRATED", "sk-before-kms").then().statusCode(201);
    MasterKeyring ring = TestSecrets.configuredKeyring();
    byte[] sealed = TestSecrets.sealed(tenant, "MIGRATED");
    DataKeyWrapping kmsOnly =
        KeyWrappingSettings.configured(
                new KeyWrappingSettings.Values(
                    List.of(), List.of(), kms.keyArn(), kms.endpoint(), List.of()))
            .orElseThrow();
    try {
      int rewrapped = rotation.rotate(Optional.of(new LayeredKeyWrapping(kmsOnly, ring)));

      assertThat((long) rewrapped).isEqualTo(count("tenant_data_key")).isPositive();
      assertThat(count("tenant_data_key", "master_key_id <> ?", kms.keyArn())).isZero();
      // KMS alone (the master key retired) opens what the master key sealed.
      byte[] dataKey =
          kmsOnly.unwrap(tenant, TestSecrets.masterKeyId(tenant), TestSecrets.wrappedKey(tenant));
      assertThat(SecretEnvelope.open(dataKey, tenant, "MIGRATED", sealed))
          .isEqualTo("sk-before-kms".getBytes(StandardCharsets.UTF_8));
      assertThat(TestSecrets.sealed(tenant, "MIGRATED")).isEqualTo(sealed);
      assertThat(rotation.rotate(Optional.of(new LayeredKeyWrapping(kmsOnly, ring)))).isZero();
    } finally {
      // Back under the API's own master key, for the tests that follow.
      rotation.rotate(Optional.of(new LayeredKeyWrapping(ring, kmsOnly)));
    }
    assertThat(TestSecrets.masterKeyId(tenant)).isEqualTo(ring.activeKeyId());
    assertThat(
            SecretEnvelope.open(
                TestSecrets.dataKey(tenant, ring.active()), tenant, "MIGRATED", sealed))
        .isEqualTo("sk-before-kms".getBytes(StandardCharsets.UTF_8));
  }
}
