package dev.agentruntime.api.run.control;

import dev.agentruntime.api.problem.DomainException;

/** Temporal could not be reached, so a control action that needs it now was not taken. */
public class WorkflowEngineUnavailable extends DomainException {

  public WorkflowEngineUnavailable(String action, Throwable cause) {
    super("Temporal is unreachable; the run was not " + action + ". Retry later.", cause);
  }

  @Override
  public int status() {
    return 503;
  }

  @Override
  public String slug() {
    return "temporal-unavailable";
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
