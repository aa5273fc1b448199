package dev.agentruntime.api.run.control;

/** Temporal could not be reached, so a control action that needs it now was not taken. */
public class WorkflowEngineUnavailable extends RuntimeException {

  public static final int RETRY_AFTER_SECONDS = 5;

  public WorkflowEngineUnavailable(String action, Throwable cause) {
    super("Temporal is unreachable; the run was not " + action + ". Retry later.", cause);
  }
}
