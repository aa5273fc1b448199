package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * {@code child.run.started}: call {@code index} of step {@code step}, of a tool of kind agent,
 * admitted its child run; the call's {@code tool.call.completed} or {@code tool.call.failed} tells
 * how the child ended.
 *
 * @param childRunId the child run, a run of the same tenant with its own timeline
 * @param agentVersion the version the child runs: the tool's (or step's) pinned version, or the one
 *     its {@code alias} resolved to
 * @param workflowId the child's workflow id, under this run's
 * @param maxSteps the steps reserved for the child (and its own children) out of this run's
 * @param maxTokens the tokens reserved likewise
 * @param alias the alias the tool (or step) names, which resolved to {@code agentVersion}; absent
 *     for a pinned version
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
    long maxTokens,
    // Absent rather than null, so the payloads of pinned children stay as they were (callId
    // keeps its explicit null).
    @JsonInclude(JsonInclude.Include.NON_NULL) String alias)
    implements RunEventPayload {

  /** A child of a pinned version. */
  public ChildRunStarted(
      int step,
      int index,
      String tool,
      String callId,
      UUID childRunId,
      String agentName,
      int agentVersion,
      String workflowId,
      int maxSteps,
      long maxTokens) {
    this(
        step,
        index,
        tool,
        callId,
        childRunId,
        agentName,
        agentVersion,
        workflowId,
        maxSteps,
        maxTokens,
        null);
  }
}
