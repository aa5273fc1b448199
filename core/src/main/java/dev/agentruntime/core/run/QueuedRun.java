package dev.agentruntime.core.run;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import java.util.UUID;

/** What starting a run's workflow needs: an accepted run and the version it is pinned to. */
public record QueuedRun(
    String tenantId,
    UUID runId,
    UUID agentId,
    String agentName,
    UUID agentVersionId,
    int agentVersion,
    String workflowId) {

  public RunWorkflowInput workflowInput() {
    return new RunWorkflowInput(tenantId, runId, agentId, agentName, agentVersionId, agentVersion);
  }
}
