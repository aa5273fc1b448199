package dev.agentruntime.api.run;

import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.run.RunStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The filters of a run listing, normalized so that two requests meaning the same listing are equal
 * (and so share a {@link #fingerprint}): statuses as a set, times at the database's microsecond
 * precision. An empty status set or a null field means "no filter". Creation times are filtered
 * half-open: {@code createdAfter <= createdAt < createdBefore}, so adjacent windows tile. {@code
 * parentRunId} selects a run's children, {@code rootRunId} every run below a root (V11), {@code
 * sourceRunId} the runs forked or replayed from a run (V25).
 */
public record RunListQuery(
    Set<RunStatus> statuses,
    UUID agentId,
    String agentName,
    RunOrigin origin,
    Instant createdAfter,
    Instant createdBefore,
    UUID parentRunId,
    UUID rootRunId,
    UUID sourceRunId) {

  /**
   * Bounds the database holds comfortably. Every stored creation time lies far inside them, so a
   * bound beyond one selects exactly what the clamped bound selects.
   */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  public RunListQuery {
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    createdAfter = atMicros(createdAfter);
    createdBefore = atMicros(createdBefore);
  }

  /**
   * The query from the request's parameters; a status or an origin that is not a wire name is a
   * 400.
   */
  public static RunListQuery of(
      List<String> status,
      UUID agentId,
      String agentName,
      String origin,
      Instant createdAfter,
      Instant createdBefore,
      UUID parentRunId,
      UUID rootRunId,
      UUID sourceRunId) {
    Set<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
    for (String wireName : status == null ? List.<String>of() : status) {
      statuses.add(statusOf(wireName));
    }
    return new RunListQuery(
        statuses,
        agentId,
        agentName,
        originOf(origin),
        createdAfter,
        createdBefore,
        parentRunId,
        rootRunId,
        sourceRunId);
  }

  /**
   * A digest of the tenant and the filters. A cursor carries it, so a cursor used with other
   * filters, or by another tenant, is recognised and refused instead of silently paging a listing
   * it was not made for.
   */
  public String fingerprint(String tenantId) {
    String canonical =
        String.join(
                "\n",
                tenantId,
                statuses.stream()
                    .sorted()
                    .map(RunStatus::wireName)
                    .collect(Collectors.joining(",")),
                String.valueOf(agentId),
                String.valueOf(createdAfter),
                String.valueOf(createdBefore))
            // Appended only when set, so a cursor issued before origins existed stays valid.
            + (origin == null ? "" : "\norigin=" + origin.wireName())
            + (agentName == null ? "" : "\nagentName=" + agentName)
            + (parentRunId == null ? "" : "\nparentRunId=" + parentRunId)
            + (rootRunId == null ? "" : "\nrootRunId=" + rootRunId)
            + (sourceRunId == null ? "" : "\nsourceRunId=" + sourceRunId);
    return RunCursor.fingerprint(canonical);
  }

  private static RunOrigin originOf(String wireName) {
    if (wireName == null) {
      return null;
    }
    return RunOrigin.fromWireName(wireName)
        .orElseThrow(
            () ->
                new InvalidParameter(
                    "origin",
                    "one of "
                        + Arrays.stream(RunOrigin.values())
                            .map(RunOrigin::wireName)
                            .collect(Collectors.joining(", "))));
  }

  private static RunStatus statusOf(String wireName) {
    for (RunStatus status : RunStatus.values()) {
      if (status.wireName().equals(wireName)) {
        return status;
      }
    }
    throw new InvalidParameter(
        "status",
        "one of "
            + Arrays.stream(RunStatus.values())
                .map(RunStatus::wireName)
                .collect(Collectors.joining(", ")));
  }

  /**
   * Stored times have microseconds; a finer bound is rounded up, which keeps both comparisons
   * exact: {@code t >= 1.0000005} and {@code t < 1.0000005} hold for a stored {@code t} exactly
   * when {@code t >= 1.000001} and {@code t < 1.000001} do.
   */
  private static Instant atMicros(Instant instant) {
    if (instant == null) {
      return null;
    }
    Instant clamped = instant.isBefore(EARLIEST) ? EARLIEST : instant;
    clamped = clamped.isAfter(LATEST) ? LATEST : clamped;
    Instant down = clamped.truncatedTo(ChronoUnit.MICROS);
    return down.equals(clamped) ? down : down.plus(1, ChronoUnit.MICROS);
  }
}
