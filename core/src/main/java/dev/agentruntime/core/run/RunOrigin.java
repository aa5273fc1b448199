package dev.agentruntime.core.run;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a run came from. PostgreSQL holds the same list (V10's check on {@code run.origin}); every
 * origin is admitted by the one admission path ({@link RunAdmissions}).
 */
public enum RunOrigin {
  /** {@code POST /v1/runs}. */
  API("api"),
  /** A tenant's schedule fired. */
  SCHEDULE("schedule"),
  /** A signed inbound trigger. */
  TRIGGER("trigger"),
  /** A parent run called a sub-agent. */
  PARENT("parent"),
  /** A fork of an earlier run. */
  FORK("fork");

  private final String wireName;

  RunOrigin(String wireName) {
    this.wireName = wireName;
  }

  /** The name the API, the database and the events use. */
  public String wireName() {
    return wireName;
  }

  /** The origin with this wire name, if there is one. */
  public static Optional<RunOrigin> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(o -> o.wireName.equals(wireName)).findFirst();
  }
}
