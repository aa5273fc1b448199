package dev.agentruntime.core.run;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lifecycle states of a run. Terminal states never change again. The API and the worker both read
 * and write these names in the {@code run} table, so every status set either side needs is defined
 * here, once; the database's own copies (the status check and {@code append_run_event}) are held to
 * them by a test.
 */
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

  /** The states a run ends in; each one's closing event is {@link RunEventTypes#terminalFor}. */
  public static final Set<RunStatus> TERMINAL =
      Collections.unmodifiableSet(EnumSet.of(SUCCEEDED, FAILED, CANCELLED, TIMED_OUT));

  /** The value stored in the database and shown in the API, for example {@code timed_out}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus fromWireName(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }

  /**
   * The wire names of {@code statuses} as SQL string literals in declaration order, for an {@code
   * in (...)} list: {@code 'succeeded', 'failed', 'cancelled', 'timed_out'} for {@link #TERMINAL}.
   * Wire names are lower-case letters and underscores, so quoting them needs no escaping.
   */
  public static String sqlLiterals(Set<RunStatus> statuses) {
    return EnumSet.copyOf(statuses).stream()
        .map(status -> "'" + status.wireName() + "'")
        .collect(Collectors.joining(", "));
  }
}
