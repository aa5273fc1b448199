package dev.agentruntime.api.error;

import dev.agentruntime.core.run.RunStatus;
import java.util.UUID;

/** A control action the run's current status does not allow, for example cancelling a success. */
public final class RunStateConflict extends DomainException {

  public RunStateConflict(UUID runId, RunStatus status, String action) {
    super("Run " + runId + " cannot be " + action + ": its status is " + status.wireName(), null);
  }
}
