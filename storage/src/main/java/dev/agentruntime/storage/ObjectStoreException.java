package dev.agentruntime.storage;

/** The object store failed or lacks an object; activities let Temporal retry it. */
public class ObjectStoreException extends RuntimeException {

  public ObjectStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
