package dev.agentruntime.worker.workflow;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The run's time limit: a durable timer that can be held while the run is paused, so the limit
 * counts the time the run works, not the time it waits on a person. Workflow code: time only
 * through {@link Workflow}.
 */
final class RunDeadline {

  private final Duration limit;
  private Duration remaining;
  private long armedAtMillis;
  private CancellationScope scope;
  private boolean expired;
  private int holds;

  RunDeadline(Duration limit) {
    this.limit = limit;
    this.remaining = limit;
  }

  /** Starts the timer with the whole limit. */
  void start() {
    arm();
  }

  Duration limit() {
    return limit;
  }

  boolean expired() {
    return expired;
  }

  /**
   * Stops the clock; what is left of the limit is kept for {@link #resume}. Holds nest (a pause and
   * waits for approval): the clock runs again when the last one is released.
   */
  void hold() {
    holds++;
    if (scope == null) {
      return;
    }
    scope.cancel();
    scope = null;
    Duration used = Duration.ofMillis(Workflow.currentTimeMillis() - armedAtMillis);
    remaining = remaining.minus(used);
  }

  /** Releases one hold; the last one starts the clock again with what was left. */
  void resume() {
    holds = Math.max(0, holds - 1);
    if (holds > 0 || scope != null || expired) {
      return;
    }
    if (remaining.isNegative() || remaining.isZero()) {
      expired = true;
      return;
    }
    arm();
  }

  /** The run ended some other way: the timer is no longer needed. */
  void cancel() {
    if (scope != null) {
      scope.cancel();
      scope = null;
    }
  }

  private void arm() {
    armedAtMillis = Workflow.currentTimeMillis();
    Duration duration = remaining;
    // Detached: the clock belongs to the run, not to whichever thread (the loop, after a pause)
    // starts it again.
    scope =
        Workflow.newDetachedCancellationScope(
            () ->
                Workflow.newTimer(duration)
                    .handle(
                        (fired, failure) -> {
                          // A cancelled timer fails; only one that ran out ends the run.
                          if (failure == null) {
                            expired = true;
                          }
                          return null;
                        }));
    scope.run();
  }
}
