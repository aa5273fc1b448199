package dev.agentruntime.core.schedule;

import java.time.Instant;

/**
 * {@code schedule.fires_missed}: Temporal's count of the schedule's fires missed outside the
 * catchup window grew since it was last looked at. The field names are the wire format of stored
 * events (and of webhook deliveries): they may only grow.
 *
 * @param scheduleName the schedule's name when the growth was noticed
 * @param missed how many fires were newly missed, {@code > 0}
 * @param totalMissed Temporal's count since the schedule was created, {@code >= missed}
 * @param noticedAt when the API noticed the growth (the fires themselves were due earlier)
 */
public record FiresMissed(String scheduleName, long missed, long totalMissed, Instant noticedAt) {

  public FiresMissed {
    if (missed <= 0 || totalMissed < missed) {
      throw new IllegalArgumentException(
          "missed fires must be positive and within the total: " + missed + " of " + totalMissed);
    }
  }
}
