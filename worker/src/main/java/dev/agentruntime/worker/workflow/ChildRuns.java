package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ChildRunActivities;
import dev.agentruntime.core.activity.ChildRunAnswer;
import dev.agentruntime.core.activity.ChildRunRequest;
import dev.agentruntime.core.activity.ChildStart;
import dev.agentruntime.core.activity.ToolStepRequest;
import dev.agentruntime.core.activity.ToolStepResult;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The child runs of one run: each call of a tool of kind agent admits a child run, runs it as a
 * child workflow and answers how it ended. Children are started outside the step loop's
 * cancellation scope, so that this run, not Temporal, decides how they end: a pause or resume of
 * this run is passed on to them, and before this run ends, every child still running is cancelled
 * (with who cancelled and why) and awaited. Workflow code: deterministic.
 */
final class ChildRuns {

  /** One child: its workflow, how it ends, and what was reserved for it. */
  private static final class Child {
    private final AgentRunWorkflow workflow;
    private final Promise<RunOutcome> end;
    private final int reservedSteps;
    private final long reservedTokens;
    private boolean settled;
    private boolean pausedSent;

    private Child(
        AgentRunWorkflow workflow,
        Promise<RunOutcome> end,
        int reservedSteps,
        long reservedTokens) {
      this.workflow = workflow;
      this.end = end;
      this.reservedSteps = reservedSteps;
      this.reservedTokens = reservedTokens;
    }

    private boolean running() {
      return !end.isCompleted();
    }
  }

  private final UUID runId;
  private final RunControls controls;
  private final TreeBudget budget;
  private final RunBehaviour behaviour;
  private final ChildRunActivities activities;
  private final WorkflowLock admitting = Workflow.newWorkflowLock();
  private final Map<UUID, Child> children = new LinkedHashMap<>();

  ChildRuns(
      UUID runId,
      RunControls controls,
      TreeBudget budget,
      RunBehaviour behaviour,
      ChildRunActivities activities) {
    this.runId = runId;
    this.controls = controls;
    this.budget = budget;
    this.behaviour = behaviour;
    this.activities = activities;
    Async.procedure(this::passOnPauses);
  }

  /** Admits a child with what this run has left, or answers why not. */
  interface Admission {
    ChildStart admit(int stepsLeft, long tokensLeft, int depthLeft, int childrenLeft);
  }

  /**
   * Runs one call as a child run, to the call's result. Admissions are taken one at a time, so that
   * parallel calls each see what the others reserved; the children then run in parallel.
   */
  ToolStepResult call(ToolStepRequest request) {
    ChildStart start =
        admit(
            (steps, tokens, depth, children) ->
                activities.startChild(
                    new ChildRunRequest(request, steps, tokens, depth, children)));
    if (start.wasRefused()) {
      return start.refusal();
    }
    RunOutcome outcome = await(start);
    UUID childRunId = start.run().runId();
    return behaviour.attempt(
        () -> activities.finishChild(new ChildRunAnswer(request, childRunId, outcome)));
  }

  /**
   * Admits a child (one admission at a time, each seeing what the others reserved) and reserves
   * what it was given; a refused child reserves nothing.
   */
  ChildStart admit(Admission admission) {
    admitting.lock();
    try {
      ChildStart start =
          behaviour.attempt(
              () ->
                  admission.admit(
                      budget.stepsLeft(),
                      budget.tokensLeft(),
                      budget.depthLeft(),
                      budget.childrenLeft()));
      if (!start.wasRefused()) {
        budget.reserve(start.maxSteps(), start.maxTokens());
      }
      return start;
    } finally {
      admitting.unlock();
    }
  }

  /**
   * Starts an admitted child's workflow and waits until it ends; what its tree spent is then
   * settled. A cancel of the waiting scope ends the wait, not the child (see {@link #endAll}).
   */
  RunOutcome await(ChildStart start) {
    Child child = begin(start);
    RunOutcome outcome = child.end.cancellableGet();
    settle(child);
    return outcome;
  }

  /**
   * Cancels every child still running, passing on who cancelled this run and why, and waits until
   * each has ended; their trees' spending is then settled.
   */
  void endAll(RunControl control) {
    List<Child> running = children.values().stream().filter(Child::running).toList();
    if (running.isEmpty()) {
      return;
    }
    RunControl passedOn =
        new RunControl(control.actor(), "run " + runId + " ended: " + describe(control));
    for (Child child : running) {
      signal(child, () -> child.workflow.cancel(passedOn));
    }
    Workflow.await(() -> running.stream().noneMatch(Child::running));
    running.forEach(this::settle);
  }

  private Child begin(ChildStart start) {
    QueuedRun run = start.run();
    ChildWorkflowOptions.Builder options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(run.workflowId())
            .setTaskQueue(RunWorkflows.TASK_QUEUE)
            // Should this run's workflow end without ending its children (terminated by an
            // operator), Temporal cancels them; otherwise endAll has ended them first.
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL);
    // A namespace without the attributes refuses a start naming them, failing this workflow's
    // task on every attempt; this run itself carries them exactly when the namespace had them.
    if (RunWorkflows.carriesSearchAttributes(Workflow.getTypedSearchAttributes())) {
      options.setTypedSearchAttributes(RunWorkflows.searchAttributes(run));
    }
    AgentRunWorkflow workflow =
        Workflow.newChildWorkflowStub(AgentRunWorkflow.class, options.build());
    List<Promise<RunOutcome>> end = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(
            () -> end.add(Async.function(workflow::run, run.workflowInput())))
        .run();
    Promise<RunOutcome> outcome =
        end.get(0).handle((done, failure) -> failure == null ? done : failedToRun(failure));
    Child child = new Child(workflow, outcome, start.maxSteps(), start.maxTokens());
    children.put(run.runId(), child);
    return child;
  }

  /** A child workflow that failed as a workflow (never started, terminated) is a failed run. */
  private static RunOutcome failedToRun(RuntimeException failure) {
    Throwable cause = failure instanceof ChildWorkflowFailure child ? child.getCause() : failure;
    String reason =
        cause instanceof TemporalFailure temporal
            ? temporal.getOriginalMessage()
            : String.valueOf(cause);
    return new RunOutcome(RunStatus.FAILED, "the child run's workflow failed: " + reason, 0, 0);
  }

  private void settle(Child child) {
    if (!child.settled) {
      child.settled = true;
      budget.settle(child.reservedSteps, child.reservedTokens, child.end.get());
    }
  }

  /** Holds the children at their step boundaries while this run is paused, and lets them go. */
  private void passOnPauses() {
    while (true) {
      Workflow.await(
          () ->
              children.values().stream()
                  .anyMatch(c -> c.running() && c.pausedSent != controls.pauseRequested()));
      boolean pause = controls.pauseRequested();
      RunControl control = pause ? controls.pausedBy() : controls.resumedBy();
      if (control == null) {
        control = new RunControl("agent-runtime", null);
      }
      RunControl passedOn =
          new RunControl(
              control.actor(),
              "run " + runId + (pause ? " paused" : " resumed") + ": " + describe(control));
      for (Child child : List.copyOf(children.values())) {
        if (child.running() && child.pausedSent != pause) {
          child.pausedSent = pause;
          signal(
              child,
              pause ? () -> child.workflow.pause(passedOn) : () -> child.workflow.resume(passedOn));
        }
      }
    }
  }

  /** Signals a child; one that has just ended cannot take it, which changes nothing. */
  private static void signal(Child child, Runnable signal) {
    Async.procedure(signal::run).exceptionally(ignored -> null);
  }

  private static String describe(RunControl control) {
    return control.reason() == null || control.reason().isBlank()
        ? "by " + control.actor()
        : control.reason();
  }
}
