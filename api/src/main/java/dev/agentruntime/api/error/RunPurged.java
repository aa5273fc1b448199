package dev.agentruntime.api.error;

import java.util.UUID;

/**
 * The run's data has been purged, or its purge has begun, so what was asked of it can no longer be
 * done (its objects may be gone already).
 */
public final class RunPurged extends DomainException {

  /** A legal hold asked for: it can no longer keep the run's data. */
  public RunPurged(UUID runId) {
    this(runId, "its data can no longer be held");
  }

  /**
   * @param consequence what the purge prevents, as the end of the detail
   */
  public RunPurged(UUID runId, String consequence) {
    super("Run " + runId + " is purged or being purged: " + consequence, null);
  }
}
