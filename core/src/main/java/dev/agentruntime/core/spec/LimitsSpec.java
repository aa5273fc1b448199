package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The budget of one run. A run that exhausts it ends as failed (steps, tokens) or timed_out (time).
 * A run that starts child runs (tools of kind agent) spends its steps and tokens for its whole
 * tree: each child's limits are reserved out of what its parent has left before the child starts.
 *
 * @param maxSteps model calls allowed per run, 1 to 100; default 10
 * @param maxTokens input plus output tokens allowed per run; default 100,000
 * @param timeoutSeconds wall-clock budget of a run, 1 to 86,400; default 600
 * @param maxDepth levels of child runs a root may have below it, 0 to {@value #MAX_DEPTH}; default
 *     {@value #DEFAULT_MAX_DEPTH}. Only the root's counts: a child may have fewer, never more.
 * @param maxChildren child runs one run may start over its life, 0 to 100; default {@value
 *     #DEFAULT_MAX_CHILDREN}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LimitsSpec(
    Integer maxSteps,
    Integer maxTokens,
    Integer timeoutSeconds,
    Integer maxDepth,
    Integer maxChildren) {

  public static final int DEFAULT_MAX_STEPS = 10;
  public static final int DEFAULT_MAX_TOKENS = 100_000;
  public static final int DEFAULT_TIMEOUT_SECONDS = 600;
  public static final int DEFAULT_MAX_DEPTH = 3;

  /** The deepest a tree can be: a child's workflow id holds its ancestors', and must stay short. */
  public static final int MAX_DEPTH = 5;

  public static final int DEFAULT_MAX_CHILDREN = 10;

  public LimitsSpec(Integer maxSteps, Integer maxTokens, Integer timeoutSeconds) {
    this(maxSteps, maxTokens, timeoutSeconds, null, null);
  }

  public int maxStepsOrDefault() {
    return maxSteps == null ? DEFAULT_MAX_STEPS : maxSteps;
  }

  public int maxTokensOrDefault() {
    return maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
  }

  public int timeoutSecondsOrDefault() {
    return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }

  public int maxDepthOrDefault() {
    return maxDepth == null ? DEFAULT_MAX_DEPTH : maxDepth;
  }

  public int maxChildrenOrDefault() {
    return maxChildren == null ? DEFAULT_MAX_CHILDREN : maxChildren;
  }

  /** These limits, none above what a parent reserved for a child run. */
  public LimitsSpec within(int steps, int tokens, int depth) {
    return new LimitsSpec(
        Math.min(maxStepsOrDefault(), steps),
        Math.min(maxTokensOrDefault(), tokens),
        timeoutSeconds,
        Math.min(maxDepthOrDefault(), depth),
        maxChildren);
  }
}
