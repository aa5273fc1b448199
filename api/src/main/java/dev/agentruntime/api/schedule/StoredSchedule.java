package dev.agentruntime.api.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * A schedule's row (V13, V20), what Temporal is built from and what the API lists.
 *
 * @param generation bumped by every change the API commits
 * @param appliedGeneration the generation Temporal was last brought to; lags after a crash
 * @param deleted marked for deletion; removed once Temporal's schedule is gone
 */
record StoredSchedule(
    String tenantId,
    UUID id,
    String name,
    String agentName,
    Integer version,
    String inputJson,
    ScheduleTiming timing,
    ScheduleOverlap overlap,
    Integer maxConcurrentRuns,
    int catchupWindowSeconds,
    boolean pauseOnFailure,
    long generation,
    long appliedGeneration,
    boolean deleted,
    Instant createdAt,
    String createdBy) {

  /**
   * Whether this row lets more of the schedule's runs hold a slot at once than {@code before} did
   * (its cap raised, or dropped with the overlap), so runs waiting on it may start now.
   */
  boolean capRaisedFrom(StoredSchedule before) {
    return before.maxConcurrentRuns() != null
        && (maxConcurrentRuns == null || maxConcurrentRuns > before.maxConcurrentRuns());
  }

  /** This row as marked deleted, for the sync to delete Temporal's schedule and then the row. */
  StoredSchedule markedDeleted() {
    return new StoredSchedule(
        tenantId,
        id,
        name,
        agentName,
        version,
        inputJson,
        timing,
        overlap,
        maxConcurrentRuns,
        catchupWindowSeconds,
        pauseOnFailure,
        generation,
        appliedGeneration,
        true,
        createdAt,
        createdBy);
  }
}
