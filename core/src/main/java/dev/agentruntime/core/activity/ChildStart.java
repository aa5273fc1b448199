package dev.agentruntime.core.activity;

import dev.agentruntime.core.run.QueuedRun;

/**
 * What {@link ChildRunActivities#startChild} answered: a child to start with what it reserved, or
 * the call's result when it was refused.
 *
 * @param run the admitted child run, {@code null} when refused
 * @param maxSteps steps reserved for the child out of its parent's
 * @param maxTokens tokens reserved for the child out of its parent's
 * @param refusal a refused tool call's result, else {@code null}
 * @param refusedBecause why a pipeline step's child was refused, else {@code null}
 */
public record ChildStart(
    QueuedRun run, int maxSteps, long maxTokens, ToolStepResult refusal, String refusedBecause) {

  public static ChildStart admitted(QueuedRun run, int maxSteps, long maxTokens) {
    return new ChildStart(run, maxSteps, maxTokens, null, null);
  }

  /** A refused call of a tool of kind agent: the call is answered with {@code result}. */
  public static ChildStart refused(ToolStepResult result) {
    return new ChildStart(null, 0, 0, result, null);
  }

  /** A refused pipeline step. */
  public static ChildStart refused(String because) {
    return new ChildStart(null, 0, 0, null, because);
  }

  public boolean wasRefused() {
    return run == null;
  }
}
