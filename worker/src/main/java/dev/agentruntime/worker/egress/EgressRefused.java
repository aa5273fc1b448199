package dev.agentruntime.worker.egress;

/**
 * The egress rules refused a hop before anything was sent to it: a host no rule allows, a blocked
 * address, plain http without an {@code http://} rule, too many redirects. Retrying the same call
 * cannot succeed.
 */
public final class EgressRefused extends EgressException {

  public EgressRefused(String reason) {
    super("refused: " + reason, null);
  }
}
