package dev.agentruntime.api.secret;

import dev.agentruntime.api.error.SecretStoreUnavailable;
import dev.agentruntime.api.secret.TenantDataKeyRepository.WrappedDataKey;
import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.KeyWrappingUnavailable;
import dev.agentruntime.core.secret.SecretEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A tenant's data key in the clear for the moment of one seal or open: the tenant secrets' values
 * and the inbound triggers' signing secrets are both sealed with it. Callers clear the key they get
 * as soon as they are done with it. Every refusal is a {@link SecretStoreUnavailable} that names no
 * key material.
 */
@ApplicationScoped
public class TenantDataKeys {

  private static final Logger LOG = Logger.getLogger(TenantDataKeys.class);

  private final TenantDataKeyRepository dataKeys;
  private final SecretSettings settings;

  public TenantDataKeys(TenantDataKeyRepository dataKeys, SecretSettings settings) {
    this.dataKeys = dataKeys;
    this.settings = settings;
  }

  /** The tenant's data key, created (wrapped by the active master key) if it has none yet. */
  public byte[] forSealing(String tenantId) {
    DataKeyWrapping keyWrapping = keyWrapping("encrypted");
    WrappedDataKey wrapped =
        dataKeys
            .find(tenantId)
            .orElseGet(
                () -> {
                  byte[] fresh = SecretEnvelope.newDataKey();
                  try {
                    DataKeyWrapping.WrappedKey key = keyWrapping.wrap(tenantId, fresh);
                    dataKeys.insertIfAbsent(tenantId, key.keyId(), key.wrapped());
                  } catch (KeyWrappingUnavailable e) {
                    throw unreachable(tenantId, e);
                  } finally {
                    Arrays.fill(fresh, (byte) 0);
                  }
                  // Read back: a concurrent first put may have stored its key first, and both
                  // must seal with the one that was kept.
                  return dataKeys
                      .find(tenantId)
                      .orElseThrow(() -> new IllegalStateException("data key not stored"));
                });
    return unwrap(keyWrapping, wrapped);
  }

  /** The tenant's existing data key, to open what was sealed with it; empty if it has none. */
  public Optional<byte[]> forOpening(String tenantId) {
    DataKeyWrapping keyWrapping = keyWrapping("decrypted");
    return dataKeys.find(tenantId).map(wrapped -> unwrap(keyWrapping, wrapped));
  }

  private DataKeyWrapping keyWrapping(String what) {
    return settings
        .keyWrapping()
        .orElseThrow(
            () ->
                new SecretStoreUnavailable(
                    "No master key is configured, so secrets cannot be "
                        + what
                        + "; nothing was written. The operator must set "
                        + SecretSettings.KEY_SETTINGS
                        + " (docs/operations.md)."));
  }

  private byte[] unwrap(DataKeyWrapping keyWrapping, WrappedDataKey wrapped) {
    String tenantId = wrapped.tenantId();
    if (!keyWrapping.canUnwrap(wrapped.masterKeyId())) {
      LOG.warnf(
          "the data key of tenant %s is wrapped by key %s, which is not in %s",
          tenantId, wrapped.masterKeyId(), SecretSettings.KEY_SETTINGS);
      throw new SecretStoreUnavailable(
          "The tenant's data key is wrapped by a key this API does not hold; nothing was written."
              + " The operator must list that key (after the active one) in "
              + SecretSettings.KEY_SETTINGS
              + ".");
    }
    try {
      return keyWrapping.unwrap(tenantId, wrapped.masterKeyId(), wrapped.wrappedKey());
    } catch (KeyWrappingUnavailable e) {
      throw unreachable(tenantId, e);
    }
  }

  private static SecretStoreUnavailable unreachable(String tenantId, KeyWrappingUnavailable e) {
    // KMS unreachable, throttling or refusing this API: the operator's matter, and a retry may
    // succeed. The message names KMS's call and error code, no key or value.
    LOG.warnf(e, "tenant %s: %s", tenantId, e.getMessage());
    return new SecretStoreUnavailable(
        "The key management service that wraps the tenant's data key did not answer; nothing"
            + " was written. Retry later; if it persists, the operator must check the API's"
            + " access to it (docs/operations.md).");
  }
}
