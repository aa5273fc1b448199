package dev.agentruntime.api.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A {@code timestamptz} column read by a native query: Hibernate hands it over as an {@link
 * Instant}, an {@link OffsetDateTime} or a {@link Timestamp} depending on its version and settings.
 */
public final class SqlTimestamps {

  private SqlTimestamps() {}

  public static Instant instant(Object value) {
    return switch (value) {
      case Instant instant -> instant;
      case OffsetDateTime offset -> offset.toInstant();
      case Timestamp timestamp -> timestamp.toInstant();
      default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
    };
  }
}
