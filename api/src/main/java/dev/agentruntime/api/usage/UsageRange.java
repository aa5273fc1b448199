package dev.agentruntime.api.usage;

import dev.agentruntime.api.error.InvalidParameter;
import java.time.Duration;
import java.time.Instant;

/**
 * The half-open time range {@code [from, to)} a usage answer covers, by when each call was
 * recorded. Bounded, so one request reads a bounded share of the table.
 */
public record UsageRange(Instant from, Instant to) {

  /** The longest range one request may ask for. */
  public static final Duration MAX = Duration.ofDays(366);

  /** The range of a request's parameters; a 400 naming the parameter when it is not one. */
  public static UsageRange of(Instant from, Instant to) {
    if (from == null) {
      throw new InvalidParameter("from", "an RFC 3339 date-time (required)");
    }
    if (to == null) {
      throw new InvalidParameter("to", "an RFC 3339 date-time (required)");
    }
    if (!to.isAfter(from)) {
      throw new InvalidParameter("to", "after 'from'");
    }
    if (Duration.between(from, to).compareTo(MAX) > 0) {
      throw new InvalidParameter("to", "at most 366 days after 'from'");
    }
    return new UsageRange(from, to);
  }
}
