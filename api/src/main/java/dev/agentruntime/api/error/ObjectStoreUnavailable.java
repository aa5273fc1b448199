package dev.agentruntime.api.error;

/**
 * The object store (S3) did not answer or refused the API's read: the artifact's row exists, its
 * bytes cannot be served now. An operator's matter (the store, its credentials), not the client's.
 */
public final class ObjectStoreUnavailable extends DomainException {

  public ObjectStoreUnavailable(String detail, Throwable cause) {
    super(detail, cause);
  }
}
