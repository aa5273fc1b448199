package dev.agentruntime.api.error;

/**
 * The secret store cannot encrypt: no key is configured, the tenant's data key is wrapped by a key
 * this API does not hold, or the key management service (AWS KMS) does not answer. An operator's
 * matter, not the client's; nothing was written.
 */
public final class SecretStoreUnavailable extends DomainException {

  /**
   * @param detail what the operator must do, for the client to pass on; never a key or a value
   */
  public SecretStoreUnavailable(String detail) {
    super(detail, null);
  }
}
