package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.RunOutcome;

/**
 * A run's limits spent by the run and by its children together. A child's limits are reserved out
 * of what is left before it starts, and settled to what its tree really spent when it ends, so the
 * run's own steps and tokens plus its children's never exceed its limits (bar the overshoot of one
 * model call, which a single run has too). A run without children counts exactly as before child
 * runs existed. Workflow state: deterministic.
 */
final class TreeBudget {

  private final LimitsSpec limits;
  private int ownSteps;
  private long ownTokens;
  private int childSteps;
  private long childTokens;
  private int childrenStarted;

  TreeBudget(LimitsSpec limits) {
    this.limits = limits;
  }

  /** What the run's own steps have spent so far. */
  void spent(int steps, long tokens) {
    ownSteps = steps;
    ownTokens = tokens;
  }

  /** Whether the run may make model call number {@code step}. */
  boolean mayStep(int step) {
    return step + childSteps <= limits.maxStepsOrDefault();
  }

  /** Whether the run and its children together spent more tokens than the run may. */
  boolean overTokens() {
    return ownTokens + childTokens > limits.maxTokensOrDefault();
  }

  int stepsLeft() {
    return limits.maxStepsOrDefault() - ownSteps - childSteps;
  }

  long tokensLeft() {
    return limits.maxTokensOrDefault() - ownTokens - childTokens;
  }

  /** Levels of children the run may still start below itself. */
  int depthLeft() {
    return limits.maxDepthOrDefault();
  }

  int childrenLeft() {
    return limits.maxChildrenOrDefault() - childrenStarted;
  }

  void reserve(int steps, long tokens) {
    childrenStarted++;
    childSteps += steps;
    childTokens += tokens;
  }

  /** A child ended: its reservation gives way to what its tree spent. */
  void settle(int reservedSteps, long reservedTokens, RunOutcome outcome) {
    childSteps += outcome.treeStepsOrOwn() - reservedSteps;
    childTokens += outcome.treeTokensOrOwn() - reservedTokens;
  }

  /** The run's outcome, with its tree's figures when it had children. */
  RunOutcome outcome(RunOutcome own) {
    if (childrenStarted == 0) {
      return own;
    }
    return new RunOutcome(
        own.status(),
        own.reason(),
        own.steps(),
        own.totalTokens(),
        own.steps() + childSteps,
        own.totalTokens() + childTokens);
  }
}
