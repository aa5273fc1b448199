package dev.agentruntime.worker.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.LayeredKeyWrapping;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import dev.agentruntime.kms.KeyWrappingSettings;
import dev.agentruntime.testkit.LocalKms;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.store.TenantSecretRepository;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker opens tenant secrets whose data keys AWS KMS wraps (a real KMS API server, local-kms),
 * on a real PostgreSQL: those the API wrapped under KMS from the start and those a master key
 * wrapped before the move to KMS re-wrapped.
 */
class TenantSecretsWithKmsTest {

  private static final URI MODEL = URI.create("https://api.example.com/v1");

  private final TestInfrastructure infra = TestInfrastructure.get();

  @TempDir static Path dir;
  static LocalKms kms;

  @BeforeAll
  static void startKms() {
    // The default AWS credentials chain reads these; local-kms accepts any.
    System.setProperty("aws.accessKeyId", "test-key");
    System.setProperty("aws.secretAccessKey", "test-secret");
    kms = LocalKms.start(dir);
  }

  @AfterAll
  static void stopKms() {
    kms.close();
  }

  private String tenant(String prefix) {
    String id = prefix + "-" + System.nanoTime() % 100000;
    infra.createTenant(id);
    return id;
  }

  /** What the worker builds from its settings with {@code kms-key-id} (and previous keys). */
  private DataKeyWrapping kmsSettings(List<String> previousMasterKeys) {
    return KeyWrappingSettings.configured(
            new KeyWrappingSettings.Values(
                List.of(), List.of(), kms.keyArn(), kms.endpoint(), previousMasterKeys))
        .orElseThrow();
  }

  private SecretResolver worker(DataKeyWrapping keyWrapping) {
    return new SecretResolver(
        Map.of(),
        PlatformSecretGrants.NONE,
        new PlatformFiles(dir),
        new TenantSecrets(new TenantSecretRepository(infra.dataSource), keyWrapping));
  }

  @Test
  void aSecretWhoseDataKeyKmsWrapsOpensInItsTenantsRunsOnly() {
    DataKeyWrapping withKms = kmsSettings(List.of());
    String acme = tenant("kms-acme");
    String globex = tenant("kms-globex");
    infra.putSecret(acme, "OPENAI", "sk-kms-acme", withKms);

    assertThat(infra.dataKeyId(acme)).isEqualTo(kms.keyArn());
    assertThat(worker(withKms).resolve(acme, "secret:OPENAI", "model.apiKeyRef", MODEL))
        .isEqualTo("sk-kms-acme");
    ApplicationFailure other =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> worker(withKms).resolve(globex, "secret:OPENAI", "model.apiKeyRef", MODEL));
    assertThat(other.getOriginalMessage()).contains("has no secret OPENAI");
  }

  @Test
  void aDataKeyRowCopiedToAnotherTenantDoesNotOpenUnderKms() {
    DataKeyWrapping withKms = kmsSettings(List.of());
    String acme = tenant("kcp-acme");
    String globex = tenant("kcp-globex");
    infra.putSecret(acme, "TOKEN", "sk-kms-copied", withKms);
    infra.putSecret(globex, "TOKEN", "sk-kms-globex", withKms);
    // A database-level swap: globex's rows now hold acme's wrapped data key and sealed value.
    infra.execute(
        "update tenant_data_key set wrapped_key = (select wrapped_key from tenant_data_key where"
            + " tenant_id = ?) where tenant_id = ?",
        acme,
        globex);
    infra.copySealedSecret(acme, globex, "TOKEN");

    ApplicationFailure failed =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> worker(withKms).resolve(globex, "secret:TOKEN", "x", MODEL));

    assertThat(failed.getOriginalMessage())
        .isEqualTo(
            "x cannot be resolved: secret TOKEN does not open: the key does not open it, or it"
                + " was changed");
  }

  @Test
  void aValueSealedUnderTheMasterKeyAndRewrappedToKmsStillOpens() {
    String acme = tenant("kmv-acme");
    infra.putSecret(acme, "TOKEN", "sk-sealed-before-kms");
    String masterKeyId = infra.dataKeyId(acme);
    // The API's start-up rotation with kms-key-id set and the old master key in
    // previous-master-keys: unwrap by the master key, wrap by KMS.
    infra.rewrapDataKey(acme, new LayeredKeyWrapping(kmsSettings(List.of()), infra.keyring));

    assertThat(infra.dataKeyId(acme)).isEqualTo(kms.keyArn()).isNotEqualTo(masterKeyId);
    // A worker with KMS alone (the old key retired) opens it.
    assertThat(worker(kmsSettings(List.of())).resolve(acme, "secret:TOKEN", "x", MODEL))
        .isEqualTo("sk-sealed-before-kms");
    // A worker still on the master key alone cannot, and says which key it lacks.
    ApplicationFailure failed =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> infra.secrets.resolve(acme, "secret:TOKEN", "x", MODEL));
    assertThat(failed.getOriginalMessage())
        .contains("wrapped by key " + kms.keyArn() + ", which this worker does not hold")
        .doesNotContain("sk-");
  }
}
