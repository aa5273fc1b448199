package dev.agentruntime.core.run;

import dev.agentruntime.core.json.CanonicalJson;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One fire of a schedule: the schedule and the fire's scheduled time, Temporal's nominal time
 * (before jitter), which is the same for every attempt at that fire. Together they name the fire,
 * so its run's idempotency key is derived from them and a fire admits at most one run, however
 * often its admission is retried or its workflow replayed.
 *
 * @param scheduledAt the nominal time, to the second as Temporal's scheduler keeps it
 */
public record ScheduledFire(UUID scheduleId, Instant scheduledAt) {

  public ScheduledFire {
    Objects.requireNonNull(scheduleId, "scheduleId");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
  }

  /**
   * The fire's run key. It holds spaces, which no {@code Idempotency-Key} header can (visible ASCII
   * only), so no API request can take or replay it.
   */
  public String idempotencyKey() {
    return "schedule " + scheduleId + " fire " + scheduledAt;
  }

  /**
   * The fire's request hash: of the key alone, so a retried admission matches its first attempt
   * even when the schedule's input was changed in between (the first attempt's input holds).
   */
  public String requestHash() {
    return CanonicalJson.sha256Hex(idempotencyKey());
  }

  /** Who admitted the run, as the run's {@code createdBy} shows it. */
  public String actor() {
    return "schedule " + scheduleId;
  }
}
