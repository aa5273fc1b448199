package dev.agentruntime.api.problem;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RFC 3339 {@code date-time} (section 5.6) into an instant. {@link ZoneOffset} cannot hold
 * the offsets beyond ±18:00 that the grammar allows (up to ±23:59), so the offset is applied by
 * hand. Refused although the grammar has them: a leap second ({@code :60}, which {@link Instant}
 * cannot hold) and more than nine fractional digits (finer than a nanosecond).
 */
public final class Rfc3339 {

  private static final Pattern DATE_TIME =
      Pattern.compile(
          "^([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?)"
              + "(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))$");

  /**
   * A date-time whose offset's {@code +} was decoded as a space, as a query string decodes a bare
   * {@code +} ({@code createdAfter=2030-01-01T10:00:00+02:00} sent unencoded).
   */
  private static final Pattern SPACED_OFFSET =
      Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9:.]+ [0-9]{2}:[0-9]{2}$");

  private Rfc3339() {}

  /** What a refusal of {@code text} says the parameter must be. */
  static String expected(String text) {
    if (SPACED_OFFSET.matcher(text).matches()) {
      return "an RFC 3339 date-time; its offset's '+' arrived as a space, because a bare '+' in a"
          + " query string means a space: send it as %2B (2030-01-01T10:00:00%2B02:00)";
    }
    return "an RFC 3339 date-time";
  }

  /** The instant {@code text} names; {@link IllegalArgumentException} when it is not one. */
  public static Instant parse(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an RFC 3339 date-time");
    }
    LocalDateTime local;
    try {
      // Strict resolution: February 30 and hour 24 are refused, not rolled over.
      local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an RFC 3339 date-time", e);
    }
    Instant instant = local.toInstant(ZoneOffset.UTC);
    if (m.group(3) != null) {
      return instant;
    }
    int hours = Integer.parseInt(m.group(5));
    int minutes = Integer.parseInt(m.group(6));
    if (hours > 23 || minutes > 59) {
      throw new IllegalArgumentException("offset out of range");
    }
    long offsetSeconds = (hours * 60L + minutes) * 60L;
    // Local time = UTC + offset, so UTC = local time - offset.
    return "+".equals(m.group(4))
        ? instant.minusSeconds(offsetSeconds)
        : instant.plusSeconds(offsetSeconds);
  }
}
