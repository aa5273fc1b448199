package dev.agentruntime.api.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.problem.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * What a schedule does, checked: the part a creation sets and a {@code PATCH} changes. Both go
 * through {@link #checked}, so a change is refused exactly as a creation would be (400, every
 * violation at once, nothing written).
 *
 * @param version the pinned agent version; null: each fire takes the agent's latest
 */
record ScheduleSettings(
    Integer version,
    JsonNode input,
    ScheduleTiming timing,
    ScheduleOverlap overlap,
    int catchupWindowSeconds,
    boolean pauseOnFailure) {

  /**
   * Checks the fields that bean validation cannot (timing's combinations, the overlap's name, the
   * input being an object) and answers them with the overlap resolved.
   *
   * @param overlap the wire name; null is the default, skip
   */
  static ScheduleSettings checked(
      Integer version,
      JsonNode input,
      ScheduleTiming timing,
      String overlap,
      int catchupWindowSeconds,
      boolean pauseOnFailure) {
    List<Violation> violations = new ArrayList<>(timing.violations("timing"));
    ScheduleOverlap resolved =
        overlap == null ? ScheduleOverlap.SKIP : ScheduleOverlap.fromWireName(overlap).orElse(null);
    if (resolved == null) {
      violations.add(
          new Violation(
              "overlap",
              "must be "
                  + ScheduleOverlap.WIRE_NAMES
                  + " (a bounded number of concurrent runs is not offered: see"
                  + " docs/api.md#schedules)"));
    }
    if (input == null || !input.isObject()) {
      violations.add(new Violation("input", "must be a JSON object"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequest("The schedule is not valid", violations);
    }
    return new ScheduleSettings(
        version, input, timing, resolved, catchupWindowSeconds, pauseOnFailure);
  }

  /** These settings with what {@code change} gives replacing what it names. */
  ScheduleSettings with(UpdateScheduleRequest change) {
    return checked(
        change.version() == null ? version : change.version(),
        change.input() == null || change.input().isNull() ? input : change.input(),
        change.timing() == null ? timing : change.timing(),
        change.overlap() == null ? overlap.wireName() : change.overlap(),
        change.catchupWindowSeconds() == null
            ? catchupWindowSeconds
            : change.catchupWindowSeconds(),
        change.pauseOnFailure() == null ? pauseOnFailure : change.pauseOnFailure());
  }
}
