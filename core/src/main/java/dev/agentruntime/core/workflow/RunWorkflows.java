package dev.agentruntime.core.workflow;

import dev.agentruntime.core.run.QueuedRun;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.Priority;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /** The search attributes above with their types, as a namespace must have them registered. */
  public static Map<String, IndexedValueType> searchAttributeTypes() {
    Map<String, IndexedValueType> attributes = new LinkedHashMap<>();
    attributes.put(TENANT.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    attributes.put(AGENT.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    attributes.put(AGENT_VERSION.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT);
    return attributes;
  }

  /** The search attributes of a run's workflow, whoever starts it (the API, a parent run). */
  public static SearchAttributes searchAttributes(QueuedRun run) {
    return SearchAttributes.newBuilder()
        .set(TENANT, run.tenantId())
        .set(AGENT, run.agentName())
        .set(AGENT_VERSION, (long) run.agentVersion())
        .build();
  }

  /**
   * Whether a workflow's search attributes include the run attributes. A run's workflow started
   * without them (its namespace lacks them, docs/deployment.md) starts its child runs without them
   * too, since the namespace would refuse the child's start; read from the workflow's own start, so
   * the choice is deterministic.
   */
  public static boolean carriesSearchAttributes(SearchAttributes attributes) {
    return attributes.containsKey(TENANT);
  }

  /**
   * The task priority of every workflow a tenant's run executes in: its fairness key is the tenant,
   * so a server with task queue fairness enabled ({@code matching.enableFairness}) hands out the
   * shared queue's tasks round robin between tenants rather than first in, first out, and one
   * tenant's backlog cannot hold back another's next run (docs/deployment.md). Activities and child
   * workflows inherit it, so a run's whole tree counts as its root's tenant. A server without
   * fairness ignores the key. Tenant ids (at most 63 characters) fit Temporal's 64.
   */
  public static Priority priority(String tenantId) {
    return Priority.newBuilder().setFairnessKey(tenantId).build();
  }

  /**
   * The workflow id of a run, derived from the run alone so that every start attempt (the API and
   * the reconciler) names the same execution, for example {@code acme:summarizer:v3:4f6c...}.
   */
  public static String workflowId(String tenantId, String agentName, int version, UUID runId) {
    return tenantId + ":" + agentName + ":v" + version + ":" + runId;
  }
}
