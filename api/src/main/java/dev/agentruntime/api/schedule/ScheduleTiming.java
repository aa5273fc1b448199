package dev.agentruntime.api.schedule;

import dev.agentruntime.api.problem.Violation;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * When a schedule fires: a cron expression or an interval (exactly one), read in an IANA time zone,
 * between an optional start and end, each fire delayed by up to the jitter. Stored as the API
 * answers it (V13 {@code schedule.timing}); {@link #spec} is Temporal's form of it.
 */
@Schema(description = "When the schedule fires: exactly one of cron and interval")
public record ScheduleTiming(
    @Schema(
            description =
                "Five-field cron (minute hour day-of-month month day-of-week), read in timeZone",
            example = "0 9 * * mon-fri")
        String cron,
    @Schema(
            description = "ISO-8601 duration between fires, whole seconds, at least PT1S",
            example = "PT15M")
        String interval,
    @Schema(
            description = "IANA time zone the cron is read in; default UTC",
            example = "Europe/Paris")
        String timeZone,
    @Schema(description = "No fire before this instant") Instant startAt,
    @Schema(description = "No fire after this instant") Instant endAt,
    @Schema(
            description = "ISO-8601 duration: each fire is delayed by a random time up to this",
            example = "PT30S")
        String jitter) {

  static final Duration MAX_JITTER = Duration.ofDays(1);

  /** What is wrong with it, each under {@code prefix.<field>}; empty when nothing is. */
  List<Violation> violations(String prefix) {
    List<Violation> violations = new ArrayList<>();
    if ((cron == null) == (interval == null)) {
      violations.add(
          new Violation(prefix + ".cron", "exactly one of cron and interval is required"));
    }
    if (cron != null) {
      String problem = CronExpressions.problem(cron);
      if (problem != null) {
        violations.add(new Violation(prefix + ".cron", problem));
      }
    }
    if (interval != null) {
      Duration every = duration(interval);
      if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0 || every.getNano() != 0) {
        violations.add(
            new Violation(
                prefix + ".interval",
                "must be an ISO-8601 duration of whole seconds, at least PT1S (for example PT15M)"));
      }
    }
    if (timeZone != null && !ZoneId.getAvailableZoneIds().contains(timeZone)) {
      violations.add(
          new Violation(
              prefix + ".timeZone",
              "must be an IANA time zone name such as UTC or Europe/Paris, not an offset"));
    }
    if (startAt != null && endAt != null && !startAt.isBefore(endAt)) {
      violations.add(new Violation(prefix + ".endAt", "must be after startAt"));
    }
    if (jitter != null) {
      Duration delay = duration(jitter);
      if (delay == null || delay.isNegative() || delay.compareTo(MAX_JITTER) > 0) {
        violations.add(
            new Violation(prefix + ".jitter", "must be an ISO-8601 duration from PT0S to P1D"));
      }
    }
    return violations;
  }

  /** Temporal's form; only for a timing without {@link #violations}. */
  ScheduleSpec spec() {
    ScheduleSpec.Builder spec =
        ScheduleSpec.newBuilder().setTimeZoneName(timeZone == null ? "UTC" : timeZone);
    if (cron != null) {
      spec.setCronExpressions(List.of(cron.trim()));
    } else {
      spec.setIntervals(List.of(new ScheduleIntervalSpec(duration(interval))));
    }
    if (startAt != null) {
      spec.setStartAt(startAt);
    }
    if (endAt != null) {
      spec.setEndAt(endAt);
    }
    if (jitter != null) {
      spec.setJitter(duration(jitter));
    }
    return spec.build();
  }

  private static Duration duration(String iso) {
    try {
      return Duration.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
