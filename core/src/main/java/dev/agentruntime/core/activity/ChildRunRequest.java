package dev.agentruntime.core.activity;

/**
 * A call of a tool of kind agent, with what its run has left to give a child.
 *
 * @param call the call, as any tool call
 * @param stepsLeft model calls the parent may still spend or reserve, for itself and its children
 * @param tokensLeft tokens likewise
 * @param depthLeft levels of children the parent may still start below itself
 * @param childrenLeft how many more children the parent may start
 */
public record ChildRunRequest(
    ToolStepRequest call, int stepsLeft, long tokensLeft, int depthLeft, int childrenLeft) {}
