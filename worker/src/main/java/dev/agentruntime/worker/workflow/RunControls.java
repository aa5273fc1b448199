package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.workflow.RunControl;

/**
 * What the run's controllers asked for, as delivered by signals: a cancel (final) and whether the
 * run should hold at its next step boundary. Signals only set state here; the loop and the run's
 * main thread act on it.
 */
final class RunControls {

  private RunControl cancel;
  private RunControl pause;
  private RunControl resume;

  void cancel(RunControl control) {
    if (cancel == null) {
      cancel = control;
    }
  }

  void pause(RunControl control) {
    pause = control;
    resume = null;
  }

  void resume(RunControl control) {
    if (pause != null) {
      pause = null;
      resume = control;
    }
  }

  boolean cancelRequested() {
    return cancel != null;
  }

  /** The first cancel received; later ones change nothing. */
  RunControl cancelledBy() {
    return cancel;
  }

  boolean pauseRequested() {
    return pause != null;
  }

  RunControl pausedBy() {
    return pause;
  }

  /** Who ended the last pause. */
  RunControl resumedBy() {
    return resume;
  }

  static String describe(String action, RunControl control) {
    StringBuilder text = new StringBuilder(action).append(" by ").append(control.actor());
    if (control.reason() != null && !control.reason().isBlank()) {
      text.append(": ").append(control.reason());
    }
    return text.toString();
  }
}
