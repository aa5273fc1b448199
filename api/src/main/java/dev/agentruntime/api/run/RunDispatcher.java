package dev.agentruntime.api.run;

import dev.agentruntime.api.temporal.SearchAttributeRegistrar;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Starts the workflow of an accepted run: the one place runs are handed to Temporal (control
 * signals reuse its {@link #options}). The workflow id is derived from the run, and an existing
 * execution is used rather than duplicated, so admission and the reconciler may both try: a run
 * executes once.
 */
@ApplicationScoped
public class RunDispatcher {

  private static final Logger LOG = Logger.getLogger(RunDispatcher.class);

  private final WorkflowClient client;
  private final SearchAttributeRegistrar searchAttributes;
  private final DispatchStamps stamps;

  public RunDispatcher(
      WorkflowClient client, SearchAttributeRegistrar searchAttributes, DispatchStamps stamps) {
    this.client = client;
    this.searchAttributes = searchAttributes;
    this.stamps = stamps;
  }

  /**
   * Starts a just-admitted run's workflow after its admission committed, and queues the run's
   * {@code dispatched_at} stamp for the next batch. A failed start is only logged: the run is
   * persisted, and the reconciler starts it later.
   */
  public void dispatch(QueuedRun run) {
    if (start(run)) {
      stamps.add(run.runId());
    }
  }

  /**
   * Starts the run's workflow.
   *
   * @return whether the workflow is known to exist now (started, or started before)
   */
  public boolean start(QueuedRun run) {
    try {
      if (!searchAttributes.ensureRegistered()) {
        LOG.warnf("run %s not dispatched: Temporal is unreachable", run.runId());
        return false;
      }
      AgentRunWorkflow workflow = client.newWorkflowStub(AgentRunWorkflow.class, options(run));
      WorkflowClient.start(workflow::run, run.workflowInput());
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return true;
    } catch (RuntimeException e) {
      LOG.warnf(
          "run %s not dispatched, the reconciler will retry: %s",
          run.runId(), LogSafe.escape(e.toString()));
      return false;
    }
  }

  public static WorkflowOptions options(QueuedRun run) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(run.workflowId())
        .setTaskQueue(RunWorkflows.TASK_QUEUE)
        .setTypedSearchAttributes(RunWorkflows.searchAttributes(run))
        .setPriority(RunWorkflows.priority(run.tenantId()))
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build();
  }
}
