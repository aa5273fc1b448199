package dev.agentruntime.api.run.approval;

import dev.agentruntime.api.problem.DomainException;

/**
 * The run's workflow did not confirm a decision in time (no worker is running it, or Temporal is
 * unreachable). The decision may still take effect when a worker picks it up.
 */
public class DecisionNotConfirmed extends DomainException {

  public DecisionNotConfirmed(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public int status() {
    return 503;
  }

  @Override
  public String slug() {
    return "decision-not-confirmed";
  }

  @Override
  public String title() {
    return "Service Unavailable";
  }

  @Override
  public int retryAfterSeconds() {
    return 5;
  }

  @Override
  public boolean worthAWarning() {
    return true;
  }
}
