package dev.agentruntime.core.activity;

/**
 * What the workflow must know of a tool: whether its calls wait for a person's approval, and for
 * how long, and whether they run as scheduled activities (a tool that reaches the network).
 *
 * @param scheduled false in plans recorded before network tools existed
 * @param childRun calls run as child runs (a tool of kind agent); false in plans recorded before
 */
public record ToolPolicy(
    String name,
    boolean requiresApproval,
    int approvalTimeoutSeconds,
    boolean scheduled,
    boolean childRun) {

  public ToolPolicy(
      String name, boolean requiresApproval, int approvalTimeoutSeconds, boolean scheduled) {
    this(name, requiresApproval, approvalTimeoutSeconds, scheduled, false);
  }
}
