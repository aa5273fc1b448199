package dev.agentruntime.api.error;

/** A resource with this identity (a tenant id, an agent's name) exists already. */
public final class AlreadyExists extends DomainException {

  public AlreadyExists(String detail) {
    super(detail, null);
  }
}
