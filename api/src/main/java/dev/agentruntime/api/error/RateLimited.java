package dev.agentruntime.api.error;

/**
 * The tenant is over one of its limits (its run admission rate, the event streams it may hold
 * open); nothing was admitted.
 */
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
