package dev.agentruntime.api.run.control;

import dev.agentruntime.api.run.RunDispatcher;
import dev.agentruntime.api.temporal.SearchAttributeRegistrar;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunControl;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Delivers control signals to a run's workflow with signal-with-start: a run accepted but not yet
 * started (its start is still due from the reconciler) is started with the signal already in its
 * history, so no request is lost in the gap between admission and start.
 */
@ApplicationScoped
public class RunSignals {

  private static final Logger LOG = Logger.getLogger(RunSignals.class);

  /** The signals a controller sends. */
  public enum Signal {
    CANCEL,
    PAUSE,
    RESUME
  }

  /** What became of a signal. */
  public enum Delivery {
    /** Recorded in the workflow's history. */
    DELIVERED,
    /** The workflow has already closed: the run ended before the signal arrived. */
    RUN_ENDED,
    /** Temporal could not be reached; nothing was sent. */
    UNREACHABLE
  }

  private final WorkflowClient client;
  private final SearchAttributeRegistrar searchAttributes;

  public RunSignals(WorkflowClient client, SearchAttributeRegistrar searchAttributes) {
    this.client = client;
    this.searchAttributes = searchAttributes;
  }

  public Delivery send(QueuedRun run, Signal signal, RunControl control) {
    try {
      SearchAttributeRegistrar.State state = searchAttributes.check();
      if (state == SearchAttributeRegistrar.State.UNKNOWN) {
        return Delivery.UNREACHABLE;
      }
      try {
        signalWithStart(run, signal, control, state == SearchAttributeRegistrar.State.REGISTERED);
      } catch (WorkflowServiceException e) {
        if (state != SearchAttributeRegistrar.State.REGISTERED
            || !SearchAttributeRegistrar.refusesOurs(e)) {
          throw e;
        }
        searchAttributes.notYetUsable(e);
        signalWithStart(run, signal, control, false);
      }
      return Delivery.DELIVERED;
    } catch (WorkflowExecutionAlreadyStarted closed) {
      // The id's execution exists and is closed (the reuse policy refuses a second one).
      return Delivery.RUN_ENDED;
    } catch (RuntimeException e) {
      LOG.warnf(
          "%s signal to run %s not delivered: %s",
          signal, run.runId(), LogSafe.escape(e.toString()));
      return Delivery.UNREACHABLE;
    }
  }

  /**
   * Without the run search attributes when the namespace lacks them. Usually the workflow exists
   * and only the signal is delivered, so no run.search_attributes.missing event is written here.
   */
  private void signalWithStart(
      QueuedRun run, Signal signal, RunControl control, boolean withSearchAttributes) {
    AgentRunWorkflow workflow =
        client.newWorkflowStub(
            AgentRunWorkflow.class, RunDispatcher.options(run, withSearchAttributes));
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, run.workflowInput());
    switch (signal) {
      case CANCEL -> request.add(workflow::cancel, control);
      case PAUSE -> request.add(workflow::pause, control);
      case RESUME -> request.add(workflow::resume, control);
    }
    client.signalWithStart(request);
  }
}
