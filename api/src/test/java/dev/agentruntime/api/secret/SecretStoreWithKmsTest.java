package dev.agentruntime.api.secret;

import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.secret.TestSecrets.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithKmsServices;
import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.kms.KeyWrappingSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The API configured as in the ECS deployment ({@code agent-runtime.secrets.kms-key-id}) seals
 * tenant secrets under data keys that AWS KMS wraps, bound to their tenant; what it stores opens
 * with the KMS key wrapping the worker builds from the same settings.
 */
@QuarkusTest
@WithTestResource(value = WithKmsServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecretStoreWithKmsTest {

  /** The key wrapping the worker builds from the same settings as this API's. */
  private static DataKeyWrapping workersKeyWrapping() {
    var config = ConfigProvider.getConfig();
    return KeyWrappingSettings.configured(
            new KeyWrappingSettings.Values(
                List.of(),
                List.of(),
                config.getValue(KeyWrappingSettings.KMS_KEY_ID, String.class),
                config.getValue(KeyWrappingSettings.KMS_ENDPOINT, String.class),
                List.of()))
        .orElseThrow();
  }

  @Test
  void aSecretIsSealedUnderADataKeyKmsWrapsAndOpensWithTheWorkersSettings() throws Exception {
    String tenant = TestApi.newTenant();
    put(tenantToken(tenant), "OPENAI_KEY", "sk-sealed-under-kms-71c4")
        .then()
        .statusCode(201)
        .body("version", equalTo(1));
    DataKeyWrapping worker = workersKeyWrapping();

    assertThat(TestSecrets.masterKeyId(tenant)).isEqualTo(worker.activeKeyId()).startsWith("arn:");
    byte[] dataKey =
        worker.unwrap(tenant, TestSecrets.masterKeyId(tenant), TestSecrets.wrappedKey(tenant));
    assertThat(
            SecretEnvelope.open(
                dataKey, tenant, "OPENAI_KEY", TestSecrets.sealed(tenant, "OPENAI_KEY")))
        .isEqualTo("sk-sealed-under-kms-71c4".getBytes(StandardCharsets.UTF_8));
    assertThat(TestSecrets.rowsAsText(tenant)).doesNotContain("sk-sealed-under-kms-71c4");
    // The second value is sealed with the same data key, still wrapped by KMS.
    put(tenantToken(tenant), "OPENAI_KEY", "sk-second").then().statusCode(200);
    assertThat(TestSecrets.masterKeyId(tenant)).isEqualTo(worker.activeKeyId());
  }

  @Test
  void aDataKeyWrappedForOneTenantDoesNotUnwrapForAnother() throws Exception {
    String owner = TestApi.newTenant();
    String other = TestApi.newTenant();
    put(tenantToken(owner), "BOUND", "sk-bound").then().statusCode(201);
    DataKeyWrapping worker = workersKeyWrapping();

    assertThatThrownBy(
            () -> worker.unwrap(other, worker.activeKeyId(), TestSecrets.wrappedKey(owner)))
        .isInstanceOf(SecretCryptoException.class);
  }

  @Test
  void theDatabaseKeepsEachWrappingKindToItsOwnShape() throws Exception {
    String arn = workersKeyWrapping().activeKeyId();
    String insert =
        "insert into tenant_data_key (tenant_id, master_key_id, wrapped_key) values (?, ?, ?)";
    String accepted = TestApi.newTenant();
    TestSecrets.execute(insert, accepted, arn, new byte[200]);
    assertThat(TestSecrets.masterKeyId(accepted)).isEqualTo(arn);
    TestSecrets.execute("delete from tenant_data_key where tenant_id = ?", accepted);
    // An alias (it can be pointed at another key), a master key id with a KMS-sized blob, a blob
    // longer than KMS makes, and a master key's wrapping under an ARN are all refused.
    for (Object[] row :
        new Object[][] {
          {"alias/agent-runtime", new byte[200]},
          {"0123456789abcdef", new byte[200]},
          {arn, new byte[6145]},
          {arn + " ", new byte[61]},
        }) {
      String tenant = TestApi.newTenant();
      assertThatThrownBy(() -> TestSecrets.execute(insert, tenant, row[0], row[1]))
          .isInstanceOf(java.sql.SQLException.class)
          .hasMessageContaining("tenant_data_key_wrapping_check");
    }
  }
}
