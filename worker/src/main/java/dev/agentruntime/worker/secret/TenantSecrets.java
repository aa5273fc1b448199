package dev.agentruntime.worker.secret;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.kms.KeyWrappingSettings;
import dev.agentruntime.worker.store.TenantSecretRepository;
import java.nio.charset.StandardCharsets;

/**
 * Opens a tenant's secret: its sealed value and its tenant's wrapped data key are read together,
 * the data key unwrapped by the key that wrapped it (a master key, or AWS KMS), the value opened.
 * Nothing is cached: a new value takes effect at the next use.
 */
public final class TenantSecrets {

  private final TenantSecretRepository repository;
  private final DataKeyWrapping keyWrapping;

  /**
   * @param keyWrapping what unwraps the deployment's data keys; null when no key is configured, and
   *     then every {@code secret:} reference fails with a message saying so
   */
  public TenantSecrets(TenantSecretRepository repository, DataKeyWrapping keyWrapping) {
    this.repository = repository;
    this.keyWrapping = keyWrapping;
  }

  String open(String tenantId, String name, String usedFor) {
    var sealed =
        repository
            .find(tenantId, name)
            .orElseThrow(
                () ->
                    SecretResolver.unresolved(
                        usedFor, "tenant " + tenantId + " has no secret " + name));
    if (keyWrapping == null) {
      throw SecretResolver.unresolved(
          usedFor,
          "the worker has no master key (its operator sets " + KeyWrappingSettings.SETTINGS + ")");
    }
    if (!keyWrapping.canUnwrap(sealed.masterKeyId())) {
      throw SecretResolver.unresolved(
          usedFor,
          "the tenant's data key is wrapped by key "
              + sealed.masterKeyId()
              + ", which this worker does not hold");
    }
    try {
      byte[] dataKey = keyWrapping.unwrap(tenantId, sealed.masterKeyId(), sealed.wrappedKey());
      byte[] value = SecretEnvelope.open(dataKey, tenantId, name, sealed.sealed());
      return new String(value, StandardCharsets.UTF_8);
    } catch (SecretCryptoException e) {
      throw SecretResolver.unresolved(
          usedFor, "secret " + name + " does not open: " + e.getMessage());
    }
  }
}
