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
 * @param maxConcurrentRuns the cap of {@link ScheduleOverlap#ALLOW_UP_TO}; null with any other
 */
record ScheduleSettings(
    Integer version,
    JsonNode input,
    ScheduleTiming timing,
    ScheduleOverlap overlap,
    Integer maxConcurrentRuns,
    int catchupWindowSeconds,
    boolean pauseOnFailure) {

  /**
   * Checks the fields that bean validation cannot (timing's combinations, the overlap's name and
   * its cap, the input being an object) and answers them with the overlap resolved.
   *
   * @param overlap the wire name; null is the default, skip
   * @param maxConcurrentRuns required with allow-up-to, refused with any other overlap (its range
   *     is the request's bean validation)
   */
  static ScheduleSettings checked(
      Integer version,
      JsonNode input,
      ScheduleTiming timing,
      String overlap,
      Integer maxConcurrentRuns,
      int catchupWindowSeconds,
      boolean pauseOnFailure) {
    List<Violation> violations = new ArrayList<>(timing.violations("timing"));
    ScheduleOverlap resolved =
        overlap == null ? ScheduleOverlap.SKIP : ScheduleOverlap.fromWireName(overlap).orElse(null);
    if (resolved == null) {
      violations.add(new Violation("overlap", "must be " + ScheduleOverlap.WIRE_NAMES));
    } else if (resolved == ScheduleOverlap.ALLOW_UP_TO && maxConcurrentRuns == null) {
      violations.add(
          new Violation("maxConcurrentRuns", "is required (1 to 1000) with overlap allow-up-to"));
    } else if (resolved != ScheduleOverlap.ALLOW_UP_TO && maxConcurrentRuns != null) {
      violations.add(new Violation("maxConcurrentRuns", "is given only with overlap allow-up-to"));
    }
    if (input == null || !input.isObject()) {
      violations.add(new Violation("input", "must be a JSON object"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequest("The schedule is not valid", violations);
    }
    return new ScheduleSettings(
        version, input, timing, resolved, maxConcurrentRuns, catchupWindowSeconds, pauseOnFailure);
  }

  /**
   * These settings with what {@code change} gives replacing what it names. The cap stays while the
   * overlap stays allow-up-to, and goes with it when the change names another overlap.
   */
  ScheduleSettings with(UpdateScheduleRequest change) {
    String changedOverlap = change.overlap() == null ? overlap.wireName() : change.overlap();
    Integer keptCap =
        ScheduleOverlap.ALLOW_UP_TO.wireName().equals(changedOverlap) ? maxConcurrentRuns : null;
    return checked(
        change.version() == null ? version : change.version(),
        change.input() == null || change.input().isNull() ? input : change.input(),
        change.timing() == null ? timing : change.timing(),
        changedOverlap,
        change.maxConcurrentRuns() == null ? keptCap : change.maxConcurrentRuns(),
        change.catchupWindowSeconds() == null
            ? catchupWindowSeconds
            : change.catchupWindowSeconds(),
        change.pauseOnFailure() == null ? pauseOnFailure : change.pauseOnFailure());
  }
}
