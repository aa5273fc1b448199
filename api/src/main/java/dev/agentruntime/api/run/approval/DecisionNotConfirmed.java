package dev.agentruntime.api.run.approval;

/**
 * The run's workflow did not confirm a decision in time (no worker is running it, or Temporal is
 * unreachable). The decision may still take effect when a worker picks it up.
 */
public class DecisionNotConfirmed extends RuntimeException {

  public static final int RETRY_AFTER_SECONDS = 5;

  public DecisionNotConfirmed(String detail, Throwable cause) {
    super(detail, cause);
  }
}
