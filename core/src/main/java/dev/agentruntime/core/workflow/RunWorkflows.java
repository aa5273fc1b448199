package dev.agentruntime.core.workflow;

import io.temporal.common.SearchAttributeKey;
import java.util.UUID;

/** Naming shared by whoever starts run workflows and whoever executes them. */
public final class RunWorkflows {

  /** The task queue run workflows and their activities are polled from. */
  public static final String TASK_QUEUE = "agent-runs";

  /** Search attributes an operator filters runs by in the Temporal UI. */
  public static final SearchAttributeKey<String> TENANT =
      SearchAttributeKey.forKeyword("AgentRuntimeTenant");

  public static final SearchAttributeKey<String> AGENT =
      SearchAttributeKey.forKeyword("AgentRuntimeAgent");
  public static final SearchAttributeKey<Long> AGENT_VERSION =
      SearchAttributeKey.forLong("AgentRuntimeAgentVersion");

  private RunWorkflows() {}

  /**
   * The workflow id of a run, derived from the run alone so that every start attempt (the API and
   * the reconciler) names the same execution, for example {@code acme:summarizer:v3:4f6c...}.
   */
  public static String workflowId(String tenantId, String agentName, int version, UUID runId) {
    return tenantId + ":" + agentName + ":v" + version + ":" + runId;
  }
}
