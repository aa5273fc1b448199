package dev.agentruntime.api.error;

/**
 * An idempotency key that already admitted a run with another request body. Answering the first run
 * would hide the client's mistake; admitting a second would break the key's promise.
 */
public final class IdempotencyKeyReused extends DomainException {

  public IdempotencyKeyReused(String idempotencyKey) {
    super(
        "Idempotency-Key '" + idempotencyKey + "' was already used with a different request body",
        null);
  }
}
