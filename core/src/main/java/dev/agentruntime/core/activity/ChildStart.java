package dev.agentruntime.core.activity;

import dev.agentruntime.core.run.QueuedRun;

/**
 * What {@link ChildRunActivities#startChild} answered: a child to start with what it reserved, or
 * the call's result when it was refused.
 *
 * @param run the admitted child run, {@code null} when refused
 * @param maxSteps steps reserved for the child out of its parent's
 * @param maxTokens tokens reserved for the child out of its parent's
 * @param refusal the call's result when no child was admitted, else {@code null}
 */
public record ChildStart(QueuedRun run, int maxSteps, long maxTokens, ToolStepResult refusal) {

  public static ChildStart admitted(QueuedRun run, int maxSteps, long maxTokens) {
    return new ChildStart(run, maxSteps, maxTokens, null);
  }

  public static ChildStart refused(ToolStepResult result) {
    return new ChildStart(null, 0, 0, result);
  }

  public boolean wasRefused() {
    return refusal != null;
  }
}
