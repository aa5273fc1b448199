package dev.agentruntime.api.error;

/**
 * A conditional request ({@code If-Match}) whose condition no longer holds: someone changed the
 * resource since the caller read it. Nothing was changed; read it again and decide.
 */
public final class PreconditionFailed extends DomainException {

  public PreconditionFailed(String detail) {
    super(detail, null);
  }
}
