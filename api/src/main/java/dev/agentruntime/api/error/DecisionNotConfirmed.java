package dev.agentruntime.api.error;

/**
 * The run's workflow did not confirm a decision in time (no worker is running it, or Temporal is
 * unreachable). The decision may still take effect when a worker picks it up.
 */
public final class DecisionNotConfirmed extends DomainException {

  public DecisionNotConfirmed(String detail, Throwable cause) {
    super(detail, cause);
  }
}
