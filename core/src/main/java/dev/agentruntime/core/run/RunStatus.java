package dev.agentruntime.core.run;

import java.util.Locale;

/** Lifecycle states of a run. Terminal states never change again. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  PAUSED,
  WAITING_FOR_APPROVAL,
  /** A cancel was requested and the workflow has not confirmed it yet. */
  CANCELLING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  TIMED_OUT;

  /** The value stored in the database and shown in the API, for example {@code timed_out}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus fromWireName(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
  }
}
