package dev.agentruntime.worker.secret;

import dev.agentruntime.core.secret.MasterKey;
import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.worker.store.TenantSecretRepository;
import java.nio.charset.StandardCharsets;

/**
 * Opens a tenant's secret: its sealed value and its tenant's wrapped data key are read together,
 * the data key unwrapped with the master key that wrapped it, the value opened. Nothing is cached:
 * a new value takes effect at the next use.
 */
public final class TenantSecrets {

  private final TenantSecretRepository repository;
  private final MasterKeyring keyring;

  /**
   * @param keyring the deployment's master keys; null when none is configured, and then every
   *     {@code secret:} reference fails with a message saying so
   */
  public TenantSecrets(TenantSecretRepository repository, MasterKeyring keyring) {
    this.repository = repository;
    this.keyring = keyring;
  }

  String open(String tenantId, String name, String usedFor) {
    var sealed =
        repository
            .find(tenantId, name)
            .orElseThrow(
                () ->
                    SecretResolver.unresolved(
                        usedFor, "tenant " + tenantId + " has no secret " + name));
    if (keyring == null) {
      throw SecretResolver.unresolved(
          usedFor,
          "the worker has no master key (its operator sets " + MasterKeyring.SETTINGS + ")");
    }
    MasterKey master =
        keyring
            .find(sealed.masterKeyId())
            .orElseThrow(
                () ->
                    SecretResolver.unresolved(
                        usedFor,
                        "the tenant's data key is wrapped by master key "
                            + sealed.masterKeyId()
                            + ", which this worker's keyring does not hold"));
    try {
      byte[] dataKey = SecretEnvelope.unwrap(master, tenantId, sealed.wrappedKey());
      byte[] value = SecretEnvelope.open(dataKey, tenantId, name, sealed.sealed());
      return new String(value, StandardCharsets.UTF_8);
    } catch (SecretCryptoException e) {
      throw SecretResolver.unresolved(
          usedFor, "secret " + name + " does not open: " + e.getMessage());
    }
  }
}
