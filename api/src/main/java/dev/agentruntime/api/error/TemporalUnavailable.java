package dev.agentruntime.api.error;

/** Temporal could not be reached, so an action that needs it now was not taken. */
public final class TemporalUnavailable extends DomainException {

  /**
   * @param action what was not done to the run, completing "the run was not ...", for example
   *     {@code paused}
   */
  public TemporalUnavailable(String action, Throwable cause) {
    this("run", action, cause);
  }

  /**
   * @param subject what the action was for, for example {@code schedule}
   * @param action what was not done to it, for example {@code triggered}
   */
  public TemporalUnavailable(String subject, String action, Throwable cause) {
    super(
        "Temporal is unreachable; the " + subject + " was not " + action + ". Retry later.", cause);
  }
}
