package dev.agentruntime.api.run.control;

import dev.agentruntime.core.run.RunStatus;
import java.util.UUID;

/** A control action the run's current status does not allow, for example cancelling a success. */
public class RunStateConflict extends RuntimeException {

  private final RunStatus status;

  public RunStateConflict(UUID runId, RunStatus status, String action) {
    super(
        "Run " + runId + " cannot be " + action + ": its status is " + status.wireName(),
        null,
        false,
        false);
    this.status = status;
  }

  public RunStatus status() {
    return status;
  }
}
