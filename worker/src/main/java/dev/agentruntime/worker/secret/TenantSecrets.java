package dev.agentruntime.worker.secret;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.worker.store.TenantSecretRepository;
import java.nio.charset.StandardCharsets;

/**
 * Opens a tenant's secret: its sealed value and its tenant's wrapped data key are read together,
 * the data key unwrapped by the key that wrapped it (a master key, or AWS KMS), the value opened.
 * Nothing is cached: a new value takes effect at the next use.
 */
public final class TenantSecrets {

  private final TenantSecretRepository repository;
  private final SealedValues values;

  /**
   * @param keyWrapping what unwraps the deployment's data keys; null when no key is configured, and
   *     then every {@code secret:} reference fails with a message saying so
   */
  public TenantSecrets(TenantSecretRepository repository, DataKeyWrapping keyWrapping) {
    this(repository, new SealedValues(keyWrapping));
  }

  public TenantSecrets(TenantSecretRepository repository, SealedValues values) {
    this.repository = repository;
    this.values = values;
  }

  String open(String tenantId, String name, String usedFor) {
    var sealed =
        repository
            .find(tenantId, name)
            .orElseThrow(
                () ->
                    SecretResolver.unresolved(
                        usedFor, "tenant " + tenantId + " has no secret " + name));
    try {
      byte[] value =
          values.open(tenantId, sealed.masterKeyId(), sealed.wrappedKey(), name, sealed.sealed());
      return new String(value, StandardCharsets.UTF_8);
    } catch (SealedValues.KeyMissing e) {
      throw SecretResolver.unresolved(usedFor, e.getMessage());
    } catch (SecretCryptoException e) {
      throw SecretResolver.unresolved(
          usedFor, "secret " + name + " does not open: " + e.getMessage());
    }
  }
}
