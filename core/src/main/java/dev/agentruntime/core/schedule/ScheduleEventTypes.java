package dev.agentruntime.core.schedule;

import java.util.List;

/**
 * The event types of a schedule's own timeline (migration V24, table {@code schedule_event}): what
 * happened to the schedule rather than to one of its runs. The table's check and the webhook event
 * domain hold the same names.
 */
public final class ScheduleEventTypes {

  /**
   * Temporal found fires later than the catchup window and did not start them: {@link FiresMissed}.
   */
  public static final String FIRES_MISSED = "schedule.fires_missed";

  /** Every type, in the documented order. */
  public static final List<String> ALL = List.of(FIRES_MISSED);

  private ScheduleEventTypes() {}
}
