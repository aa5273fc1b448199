package dev.agentruntime.core.activity;

/**
 * What the workflow must know of a tool: whether its calls wait for a person's approval, and for
 * how long, and whether they run as scheduled activities (a tool that reaches the network).
 *
 * @param scheduled false in plans recorded before network tools existed
 */
public record ToolPolicy(
    String name, boolean requiresApproval, int approvalTimeoutSeconds, boolean scheduled) {}
