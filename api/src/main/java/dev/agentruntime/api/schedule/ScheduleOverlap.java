package dev.agentruntime.api.schedule;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a schedule does when a fire comes while its previous run is still going, as Temporal's
 * overlap policy: the fire's workflow lasts as long as its run, so Temporal's policy governs whole
 * runs. Temporal's cancel-other and terminate-other are not offered: a schedule never ends a run (a
 * run ends through its own controls). "Allow up to N" has no Temporal counterpart: Temporal starts
 * every fire and the run's concurrency slot holds the cap (V20, docs/architecture.md#schedules).
 */
public enum ScheduleOverlap {
  /** The fire is dropped while a run of the schedule is going (the default). */
  SKIP("skip", ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP),
  /** One fire waits for the going run to end; later ones are dropped. */
  BUFFER_ONE("buffer-one", ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE),
  /** Every fire starts its run at once. */
  ALLOW_ALL("allow-all", ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL),
  /**
   * Every fire admits its run at once; at most the schedule's {@code maxConcurrentRuns} of them
   * hold a slot, the others wait {@code queued} for one in admission order.
   */
  ALLOW_UP_TO("allow-up-to", ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL);

  /** The wire names, for messages and the OpenAPI enumeration. */
  public static final String WIRE_NAMES = "skip, buffer-one, allow-all or allow-up-to";

  private final String wireName;
  private final ScheduleOverlapPolicy temporal;

  ScheduleOverlap(String wireName, ScheduleOverlapPolicy temporal) {
    this.wireName = wireName;
    this.temporal = temporal;
  }

  public String wireName() {
    return wireName;
  }

  /** Temporal's policy, for the schedule and for a trigger-now, which honours it too. */
  public ScheduleOverlapPolicy temporal() {
    return temporal;
  }

  public static Optional<ScheduleOverlap> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(o -> o.wireName.equals(wireName)).findFirst();
  }
}
