package dev.agentruntime.core.run.event;

import java.util.UUID;

/**
 * {@code child.run.started}: call {@code index} of step {@code step}, of a tool of kind agent,
 * admitted its child run; the call's {@code tool.call.completed} or {@code tool.call.failed} tells
 * how the child ended.
 *
 * @param childRunId the child run, a run of the same tenant with its own timeline
 * @param workflowId the child's workflow id, under this run's
 * @param maxSteps the steps reserved for the child (and its own children) out of this run's
 * @param maxTokens the tokens reserved likewise
 */
public record ChildRunStarted(
    int step,
    int index,
    String tool,
    String callId,
    UUID childRunId,
    String agentName,
    int agentVersion,
    String workflowId,
    int maxSteps,
    long maxTokens)
    implements RunEventPayload {}
