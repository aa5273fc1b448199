package dev.agentruntime.core.secret;

import java.util.List;

/**
 * What wraps tenants' data keys: the deployment's master keys ({@link MasterKeyring}, key files or
 * keys in a setting: standalone and compose) or a key management service (AWS KMS in the ECS
 * deployment). The API wraps a tenant's new data key and re-wraps old ones at start-up; the API and
 * the worker unwrap one at the moment of use.
 *
 * <p>Invariants every implementation keeps: a wrapped key is bound to its tenant, so a wrapped key
 * copied to another tenant's row does not unwrap; the key id stored beside a wrapped key names the
 * one key that unwraps it, so a rotation knows what to re-wrap; no message carries key material.
 */
public interface DataKeyWrapping {

  /** The id of the key new data keys are wrapped by; rows wrapped by another one are re-wrapped. */
  String activeKeyId();

  /** Whether {@link #unwrap} can open a data key wrapped by {@code keyId}. */
  boolean canUnwrap(String keyId);

  /** Every key id this can unwrap, the active one first: safe to log (ids, never keys). */
  List<String> keyIds();

  /** Wraps {@code dataKey} for {@code tenantId} by the active key. */
  WrappedKey wrap(String tenantId, byte[] dataKey);

  /**
   * The data key of {@code tenantId} that {@code keyId} wrapped.
   *
   * @throws SecretCryptoException when it was not wrapped by that key for that tenant, or changed
   * @throws IllegalArgumentException when {@code keyId} is not one of {@link #keyIds()}
   */
  byte[] unwrap(String tenantId, String keyId, byte[] wrapped);

  /** A wrapped data key and the id of the key that wrapped it, as a row stores them. */
  record WrappedKey(String keyId, byte[] wrapped) {}
}
