package dev.agentruntime.api.run;

import dev.agentruntime.api.temporal.SearchAttributeRegistrar;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.event.SearchAttributesMissing;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
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
  private final RunsWithoutSearchAttributes withoutSearchAttributes;

  public RunDispatcher(
      WorkflowClient client,
      SearchAttributeRegistrar searchAttributes,
      DispatchStamps stamps,
      RunsWithoutSearchAttributes withoutSearchAttributes) {
    this.client = client;
    this.searchAttributes = searchAttributes;
    this.stamps = stamps;
    this.withoutSearchAttributes = withoutSearchAttributes;
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
   * Starts the run's workflow: with the run search attributes when the namespace has them, without
   * them (and the run records so) when it does not, since a run that never starts is worse than one
   * Temporal's UI cannot filter.
   *
   * @return whether the workflow is known to exist now (started, or started before)
   */
  public boolean start(QueuedRun run) {
    try {
      SearchAttributeRegistrar.State state = searchAttributes.check();
      if (state == SearchAttributeRegistrar.State.UNKNOWN) {
        LOG.warnf("run %s not dispatched: Temporal is unreachable", run.runId());
        return false;
      }
      if (state == SearchAttributeRegistrar.State.REGISTERED) {
        try {
          AgentRunWorkflow workflow =
              client.newWorkflowStub(AgentRunWorkflow.class, options(run, true));
          WorkflowClient.start(workflow::run, run.workflowInput());
          return true;
        } catch (WorkflowServiceException e) {
          if (!SearchAttributeRegistrar.refusesOurs(e)) {
            throw e;
          }
          searchAttributes.notYetUsable(e);
        }
      }
      SearchAttributesMissing missing = searchAttributes.missing();
      // Refusing a running execution (rather than using it) makes a return mean this call started
      // the workflow: the event is written only for a start that happened.
      AgentRunWorkflow workflow =
          client.newWorkflowStub(
              AgentRunWorkflow.class,
              WorkflowOptions.newBuilder(options(run, false))
                  .setWorkflowIdConflictPolicy(
                      WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                  .build());
      WorkflowClient.start(workflow::run, run.workflowInput());
      if (missing != null) {
        withoutSearchAttributes.started(run, missing);
      }
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

  /**
   * The options of every start of the run's workflow.
   *
   * @param withSearchAttributes whether the namespace has the run search attributes ({@link
   *     SearchAttributeRegistrar#check}); a start naming attributes it lacks is refused
   */
  public static WorkflowOptions options(QueuedRun run, boolean withSearchAttributes) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(run.workflowId())
            .setTaskQueue(RunWorkflows.TASK_QUEUE)
            .setPriority(RunWorkflows.priority(run.tenantId()))
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
    if (withSearchAttributes) {
      options.setTypedSearchAttributes(RunWorkflows.searchAttributes(run));
    }
    return options.build();
  }
}
