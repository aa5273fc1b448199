package dev.agentruntime.api.error;

import java.util.UUID;

/**
 * The run's data has been purged, or its purge has begun: a legal hold can no longer keep it (its
 * objects may be gone already).
 */
public final class RunPurged extends DomainException {

  public RunPurged(UUID runId) {
    super("Run " + runId + " is purged or being purged: its data can no longer be held", null);
  }
}
