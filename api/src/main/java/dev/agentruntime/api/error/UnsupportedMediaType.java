package dev.agentruntime.api.error;

/** A body in a media type the operation does not read; it is refused, never ignored. */
public final class UnsupportedMediaType extends DomainException {

  public UnsupportedMediaType(String detail) {
    super(detail, null);
  }
}
