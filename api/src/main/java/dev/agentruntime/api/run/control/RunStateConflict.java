package dev.agentruntime.api.run.control;

import dev.agentruntime.api.problem.DomainException;
import dev.agentruntime.core.run.RunStatus;
import java.util.UUID;

/** A control action the run's current status does not allow, for example cancelling a success. */
public class RunStateConflict extends DomainException {

  public RunStateConflict(UUID runId, RunStatus status, String action) {
    super("Run " + runId + " cannot be " + action + ": its status is " + status.wireName(), null);
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String slug() {
    return "run-state-conflict";
  }

  @Override
  public String title() {
    return "Conflict";
  }
}
