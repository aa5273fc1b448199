package dev.agentruntime.worker.secret;

import dev.agentruntime.core.secret.PlatformSecretGrants;
import java.nio.file.Path;
import java.util.Map;

/** Resolvers for tests that need no tenant secret. */
public final class TestSecretResolvers {

  private TestSecretResolvers() {}

  /** Grants nothing and holds no tenant secret: every reference fails. */
  public static SecretResolver none() {
    return new SecretResolver(
        Map.of(),
        PlatformSecretGrants.NONE,
        new PlatformFiles(Path.of("/run/secrets")),
        // No database: a secret: reference would fail here, and these tests resolve none.
        new TenantSecrets(null, new SealedValues(null)));
  }
}
