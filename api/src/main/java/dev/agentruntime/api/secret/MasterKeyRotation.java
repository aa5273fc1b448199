package dev.agentruntime.api.secret;

import dev.agentruntime.api.secret.TenantDataKeyRepository.StaleDataKey;
import dev.agentruntime.api.secret.TenantDataKeyRepository.WrappedDataKey;
import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.kms.KeyWrappingSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Completes a key rotation at start-up: every tenant data key still wrapped by an older key is
 * re-wrapped by the active one, so that the old key can be retired once every process has run with
 * the new settings. Data keys and sealed values do not change, only the wrapping. Runs after Flyway
 * has migrated (the StartupEvent follows it) and before the API serves.
 *
 * <p>Rotating master keys: add the new key first in {@code agent-runtime.secrets.master-keys} (or
 * its file first in {@code agent-runtime.secrets.master-key-files}), keep the old one after it,
 * restart the API (this runs), then the worker; remove the old key later. Moving to AWS KMS: set
 * {@code agent-runtime.secrets.kms-key-id} and move the old master keys to {@code
 * agent-runtime.secrets.previous-master-keys}, the same way.
 */
@ApplicationScoped
public class MasterKeyRotation {

  private static final Logger LOG = Logger.getLogger(MasterKeyRotation.class);

  private final TenantDataKeyRepository dataKeys;
  private final SecretSettings settings;

  public MasterKeyRotation(TenantDataKeyRepository dataKeys, SecretSettings settings) {
    this.dataKeys = dataKeys;
    this.settings = settings;
  }

  void onStart(@Observes StartupEvent event) {
    rotate(settings.keyWrapping());
  }

  /**
   * Re-wraps by the keyring's active key every data key wrapped by another, one transaction per
   * tenant. Safe to run from several API processes at once: each tenant's row is locked and
   * re-checked before it is re-wrapped.
   *
   * @return how many data keys this call re-wrapped
   * @throws IllegalStateException naming the tenant and the key id when a data key is wrapped by a
   *     key the keyring does not hold, or does not open with the key its row names; nothing is
   *     re-wrapped when a key is missing
   */
  public int rotate(Optional<? extends DataKeyWrapping> configured) {
    if (configured.isEmpty()) {
      long rows = QuarkusTransaction.requiringNew().call(dataKeys::count);
      if (rows > 0) {
        LOG.warnf(
            "%d tenant data key(s) exist but no master key is set (%s): they were not checked or"
                + " re-wrapped, and no secret can be written until one is set",
            rows, SecretSettings.KEY_SETTINGS);
      }
      return 0;
    }
    DataKeyWrapping keyWrapping = configured.get();
    String active = keyWrapping.activeKeyId();
    List<StaleDataKey> stale =
        QuarkusTransaction.requiringNew().call(() -> dataKeys.listNotWrappedBy(active));
    // Every key is checked before any is re-wrapped: a missing key stops the start-up with the
    // rows as they were, and the message says how to fix the setting.
    for (StaleDataKey key : stale) {
      if (!keyWrapping.canUnwrap(key.masterKeyId())) {
        throw unknownKey(key.tenantId(), key.masterKeyId());
      }
    }
    int rewrapped = 0;
    for (StaleDataKey key : stale) {
      if (QuarkusTransaction.requiringNew().call(() -> rewrap(key.tenantId(), keyWrapping))) {
        rewrapped++;
      }
    }
    if (rewrapped > 0) {
      LOG.infof("key rotation: re-wrapped %d tenant data key(s) under key %s", rewrapped, active);
    } else {
      LOG.debugf("key rotation: every tenant data key is wrapped by %s", active);
    }
    return rewrapped;
  }

  /** Re-wraps one tenant's data key unless another process did since it was listed. */
  private boolean rewrap(String tenantId, DataKeyWrapping keyWrapping) {
    Optional<WrappedDataKey> locked = dataKeys.lock(tenantId);
    if (locked.isEmpty() || locked.get().masterKeyId().equals(keyWrapping.activeKeyId())) {
      return false;
    }
    WrappedDataKey row = locked.get();
    if (!keyWrapping.canUnwrap(row.masterKeyId())) {
      throw unknownKey(tenantId, row.masterKeyId());
    }
    byte[] dataKey;
    try {
      dataKey = keyWrapping.unwrap(tenantId, row.masterKeyId(), row.wrappedKey());
    } catch (SecretCryptoException e) {
      throw new IllegalStateException(
          "the data key of tenant "
              + tenantId
              + " does not open with key "
              + row.masterKeyId()
              + ", which its row names: the row was changed or copied from another tenant");
    }
    try {
      DataKeyWrapping.WrappedKey rewrapped = keyWrapping.wrap(tenantId, dataKey);
      dataKeys.rewrap(tenantId, rewrapped.keyId(), rewrapped.wrapped());
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
    return true;
  }

  private static IllegalStateException unknownKey(String tenantId, String masterKeyId) {
    return new IllegalStateException(
        "the data key of tenant "
            + tenantId
            + " is wrapped by master key "
            + masterKeyId
            + ", which is not in "
            + SecretSettings.KEY_SETTINGS
            + ": list the old key after the new one (new first, old after; with KMS, in "
            + KeyWrappingSettings.PREVIOUS_MASTER_KEYS
            + ") so that the rotation can re-wrap it, and remove the old key only once the API"
            + " has started");
  }
}
