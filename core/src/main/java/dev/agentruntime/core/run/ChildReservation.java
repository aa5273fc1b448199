package dev.agentruntime.core.run;

import java.util.Objects;
import java.util.UUID;

/**
 * What makes an admission a child run's: its parent, and what the parent reserved for it out of its
 * own budget (the child's limits for life). A tree can never spend more than its root allows
 * because every child's limits were taken from its parent's before it started.
 *
 * @param parentRunId the run whose tool call starts the child, of the same tenant
 * @param maxSteps model calls the child (with its own children) may make
 * @param maxTokens tokens the child (with its own children) may spend
 * @param maxDepth how many levels of children the child may still start below itself
 */
public record ChildReservation(UUID parentRunId, int maxSteps, long maxTokens, int maxDepth) {

  public ChildReservation {
    Objects.requireNonNull(parentRunId, "parentRunId");
    if (maxSteps < 1 || maxTokens < 1 || maxDepth < 0) {
      throw new IllegalArgumentException("a child's reservation must be positive");
    }
  }
}
