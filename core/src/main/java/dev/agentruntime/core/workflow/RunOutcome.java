package dev.agentruntime.core.workflow;

import dev.agentruntime.core.run.RunStatus;

/**
 * How a run ended.
 *
 * @param status a terminal status
 * @param reason why it did not succeed, {@code null} on success
 * @param steps model calls made
 * @param totalTokens tokens consumed by all model calls
 */
public record RunOutcome(RunStatus status, String reason, int steps, long totalTokens) {}
