package dev.agentruntime.core.workflow;

import dev.agentruntime.core.run.RunStatus;

/**
 * How a run ended.
 *
 * @param status a terminal status
 * @param reason why it did not succeed, {@code null} on success
 * @param steps model calls made by the run itself
 * @param totalTokens tokens consumed by the run's own model calls
 * @param treeSteps model calls made by the run and all its descendants; {@code null} when it had no
 *     children (and in outcomes recorded before child runs existed)
 * @param treeTokens tokens likewise
 */
public record RunOutcome(
    RunStatus status,
    String reason,
    int steps,
    long totalTokens,
    Integer treeSteps,
    Long treeTokens) {

  public RunOutcome(RunStatus status, String reason, int steps, long totalTokens) {
    this(status, reason, steps, totalTokens, null, null);
  }

  /** Steps of the whole tree below and including this run. */
  public int treeStepsOrOwn() {
    return treeSteps == null ? steps : treeSteps;
  }

  /** Tokens of the whole tree below and including this run. */
  public long treeTokensOrOwn() {
    return treeTokens == null ? totalTokens : treeTokens;
  }
}
