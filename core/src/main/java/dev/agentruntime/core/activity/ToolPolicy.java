package dev.agentruntime.core.activity;

/**
 * What the workflow must know of a tool: whether its calls wait for a person's approval, and for
 * how long.
 */
public record ToolPolicy(String name, boolean requiresApproval, int approvalTimeoutSeconds) {}
