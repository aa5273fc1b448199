package dev.agentruntime.worker.secret;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.kms.KeyWrappingSettings;
import java.util.Arrays;

/**
 * Opens a value the API sealed with a tenant's data key (a tenant secret, a webhook's signing
 * secret): the wrapped data key is unwrapped by the key that wrapped it, the value opened, the data
 * key cleared. No refusal's message names a key or a value.
 */
public final class SealedValues {

  /** This worker lacks the key that unwraps the tenant's data key: the operator's matter. */
  public static final class KeyMissing extends RuntimeException {
    KeyMissing(String message) {
      super(message);
    }
  }

  private final DataKeyWrapping keyWrapping;

  /**
   * @param keyWrapping what unwraps the deployment's data keys; null when no key is configured, and
   *     then every open fails with a message saying so
   */
  public SealedValues(DataKeyWrapping keyWrapping) {
    this.keyWrapping = keyWrapping;
  }

  /**
   * @param name what the value was sealed under ({@link SecretEnvelope} binds tenant and name)
   * @throws KeyMissing when this worker does not hold the key that wrapped the data key
   * @throws SecretCryptoException when the data key or the value does not open
   */
  public byte[] open(
      String tenantId, String masterKeyId, byte[] wrappedKey, String name, byte[] sealed) {
    if (keyWrapping == null) {
      throw new KeyMissing(
          "the worker has no master key (its operator sets " + KeyWrappingSettings.SETTINGS + ")");
    }
    if (!keyWrapping.canUnwrap(masterKeyId)) {
      throw new KeyMissing(
          "the tenant's data key is wrapped by key "
              + masterKeyId
              + ", which this worker does not hold");
    }
    byte[] dataKey = keyWrapping.unwrap(tenantId, masterKeyId, wrappedKey);
    try {
      return SecretEnvelope.open(dataKey, tenantId, name, sealed);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }
}
