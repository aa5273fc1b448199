package dev.agentruntime.api.problem;

/**
 * A refusal a service raises in the domain's terms (a run that cannot be cancelled, a decision on
 * other arguments), which knows the problem answer it stands for. One mapper turns every one of
 * them into problem+json; services never build HTTP answers themselves.
 */
public abstract class DomainException extends RuntimeException {

  protected DomainException(String detail, Throwable cause) {
    super(detail, cause, false, false);
  }

  /** The HTTP status. */
  public abstract int status();

  /** The last segment of the problem type URI, for example {@code run-state-conflict}. */
  public abstract String slug();

  /** The problem's title: the status's reason phrase. */
  public abstract String title();

  /** Seconds a client should wait before trying again, or 0 for no Retry-After header. */
  public int retryAfterSeconds() {
    return 0;
  }

  /** Whether the refusal says something about the system's health, so it is logged. */
  public boolean worthAWarning() {
    return false;
  }
}
