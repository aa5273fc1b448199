package dev.agentruntime.api.error;

/**
 * The tenant has no such resource. Another tenant's resource is not found either: its existence is
 * not for this tenant to learn.
 */
public final class NotFound extends DomainException {

  /**
   * @param what the resource as the client named it, for example {@code Run 4f6c...}
   */
  public NotFound(String what) {
    super(what + " was not found", null);
  }
}
