package dev.agentruntime.worker.egress;

/**
 * The egress rules refused a hop before anything was sent to it: a host no rule allows, a blocked
 * address, plain http without an {@code http://} rule, too many redirects. Retrying the same call
 * cannot succeed.
 */
public final class EgressRefused extends EgressException {

  private final String reason;

  public EgressRefused(String reason) {
    super("refused: " + reason, null);
    this.reason = reason;
  }

  /** Why, without the {@code refused: } prefix, for callers that say what was refused. */
  public String reason() {
    return reason;
  }
}
