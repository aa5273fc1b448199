package dev.agentruntime.api.error;

/** The caller is authenticated but may not act here, for example its token names no tenant. */
public final class AccessDenied extends DomainException {

  public AccessDenied(String detail) {
    super(detail, null);
  }
}
