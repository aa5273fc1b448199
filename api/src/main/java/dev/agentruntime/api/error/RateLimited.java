package dev.agentruntime.api.error;

/** The tenant is over an admission rate; nothing was admitted. */
public final class RateLimited extends DomainException {

  private final long retryAfterSeconds;

  public RateLimited(String detail, long retryAfterSeconds) {
    super(detail, null);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** When trying again may succeed. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
