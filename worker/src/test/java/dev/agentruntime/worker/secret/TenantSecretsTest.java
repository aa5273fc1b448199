package dev.agentruntime.worker.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.store.TenantSecretRepository;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant secrets on a real PostgreSQL, sealed as the API seals them. */
class TenantSecretsTest {

  private static final URI MODEL = URI.create("https://api.example.com/v1");

  private final TestInfrastructure infra = TestInfrastructure.get();

  @TempDir Path keys;

  private String tenant(String id) {
    infra.createTenant(id);
    return id;
  }

  @Test
  void aTenantsSecretResolvesInItsOwnRunsAndInNoOtherTenants() {
    String acme = tenant("acme-" + System.nanoTime() % 100000);
    String globex = tenant("globex-" + System.nanoTime() % 100000);
    infra.putSecret(acme, "OPENAI", "sk-acme-only");

    assertThat(infra.secrets.resolve(acme, "secret:OPENAI", "model.apiKeyRef", MODEL))
        .isEqualTo("sk-acme-only");
    ApplicationFailure other =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> infra.secrets.resolve(globex, "secret:OPENAI", "model.apiKeyRef", MODEL));
    assertThat(other.getOriginalMessage())
        .isEqualTo(
            "model.apiKeyRef cannot be resolved: tenant " + globex + " has no secret OPENAI");
  }

  @Test
  void aNewValueTakesEffectAtTheNextUse() {
    String acme = tenant("rot-" + System.nanoTime() % 100000);
    infra.putSecret(acme, "TOKEN", "sk-first");
    assertThat(infra.secrets.resolve(acme, "secret:TOKEN", "x", MODEL)).isEqualTo("sk-first");

    infra.putSecret(acme, "TOKEN", "sk-second");

    assertThat(infra.secrets.resolve(acme, "secret:TOKEN", "x", MODEL)).isEqualTo("sk-second");
  }

  @Test
  void aWorkerWithoutTheMasterKeyThatWrappedTheDataKeySaysSoWithoutAValue() throws Exception {
    String acme = tenant("key-" + System.nanoTime() % 100000);
    infra.putSecret(acme, "TOKEN", "sk-sealed");
    MasterKeyring.writeNewKey(keys.resolve("other.key"));
    SecretResolver otherKey =
        new SecretResolver(
            Map.of(),
            PlatformSecretGrants.NONE,
            new PlatformFiles(keys),
            new TenantSecrets(
                new TenantSecretRepository(infra.dataSource),
                MasterKeyring.load(List.of(keys.resolve("other.key")))));

    ApplicationFailure failed =
        catchThrowableOfType(
            ApplicationFailure.class, () -> otherKey.resolve(acme, "secret:TOKEN", "x", MODEL));

    assertThat(failed.getOriginalMessage())
        .contains("which this worker does not hold")
        .doesNotContain("sk-");
  }

  @Test
  void aSealedValueCopiedToAnotherTenantsRowDoesNotOpen() {
    String acme = tenant("cpa-" + System.nanoTime() % 100000);
    String globex = tenant("cpg-" + System.nanoTime() % 100000);
    infra.putSecret(acme, "TOKEN", "sk-acme");
    infra.putSecret(globex, "TOKEN", "sk-globex");
    // A database-level swap: globex's row now holds acme's sealed value.
    infra.copySealedSecret(acme, globex, "TOKEN");

    ApplicationFailure failed =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> infra.secrets.resolve(globex, "secret:TOKEN", "x", MODEL));

    assertThat(failed.getOriginalMessage()).contains("does not open").doesNotContain("sk-");
  }
}
