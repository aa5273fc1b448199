package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ChildRunActivities;
import dev.agentruntime.core.activity.PipelineActivities;
import dev.agentruntime.core.activity.RunContext;
import dev.agentruntime.core.activity.RunFinish;
import dev.agentruntime.core.activity.RunPause;
import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.activity.RunStoreActivities;
import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.approval.ApprovalOutcome;
import dev.agentruntime.core.approval.ApprovalRecord;
import dev.agentruntime.core.approval.ApprovalStatus;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent run: starts it, races its {@link StepLoop} against its {@link RunDeadline} and its
 * controllers' cancel, and records how it ended. How it behaves is decided once, when it starts,
 * from the workflow versions its history records ({@link RunBehaviour}). Deterministic: time,
 * timers and waiting only through {@link Workflow}; all I/O happens in activities. Any change here
 * must keep replaying the recorded histories (see AgentRunWorkflowReplayTest).
 */
public class AgentRunWorkflowImpl implements AgentRunWorkflow {

  /** The actor of what the kernel itself decides (a deadline, a cap), passed on to children. */
  static final String KERNEL = "agent-runtime";

  private final RunControls controls = new RunControls();
  private final Approvals approvals = new Approvals();
  private final RunSlot slot = new RunSlot();
  private RunBehaviour behaviour;
  private Duration maxPaused;
  private boolean pausedTooLong;
  private RunWorkflowInput input;
  private RunStoreActivities store;
  private RunLoop loop;
  private ChildRuns children;
  private Promise<RunOutcome> looping;
  private String openingTranscriptKey;
  private String openingTranscriptSha256;
  private int pauses;

  @Override
  public RunOutcome run(RunWorkflowInput input) {
    behaviour = RunBehaviour.resolve();
    this.input = input;
    store = behaviour.store();
    if (behaviour.runSlots()) {
      try {
        if (!slot.take(input, controls)) {
          RunOutcome cancelled = finish(input, beforeBeginning(controls.cancelledBy()));
          slot.stepAside(input);
          return cancelled;
        }
      } catch (CanceledFailure e) {
        RunControl temporal = new RunControl(KERNEL, "cancelled through Temporal");
        return finishOutsideCancel(temporal, () -> beforeBeginning(temporal));
      }
    }
    RunPlan plan;
    try {
      plan = behaviour.runPlan() ? store.beginRun(input) : plan(store.startRun(input));
    } catch (ActivityFailure e) {
      return finish(
          input,
          new RunOutcome(
              RunStatus.FAILED, "run could not start: " + ActivityFailures.reason(e), 0, 0));
    }
    openingTranscriptKey = plan.transcriptKey();
    openingTranscriptSha256 = plan.transcriptSha256();
    maxPaused = Duration.ofSeconds(plan.maxPausedSecondsOrDefault());
    RunDeadline deadline =
        new RunDeadline(Duration.ofSeconds(plan.limits().timeoutSecondsOrDefault()));
    ForkedSteps fork = new ForkedSteps(behaviour, plan);
    String cannotBegin = fork.begin(input);
    if (cannotBegin != null) {
      return finish(
          input, new RunOutcome(RunStatus.FAILED, "run could not start: " + cannotBegin, 0, 0));
    }
    TreeBudget budget = new TreeBudget(plan.limits());
    if (behaviour.childRuns()) {
      children =
          new ChildRuns(
              input.runId(),
              controls,
              budget,
              behaviour,
              Workflow.newLocalActivityStub(
                  ChildRunActivities.class, RunActivityOptions.localSteps(plan.retry())));
    }
    StepLoop.Boundary boundary = () -> holdWhilePaused(input, deadline);
    loop =
        plan.pipeline() != null && children != null
            ? new PipelineLoop(
                input,
                plan,
                boundary,
                children,
                Workflow.newLocalActivityStub(
                    PipelineActivities.class, RunActivityOptions.localSteps(plan.retry())),
                behaviour,
                budget)
            : new StepLoop(
                input,
                plan,
                behaviour,
                Decider.of(behaviour, plan),
                boundary,
                behaviour.approvals()
                    ? new ToolGate(input, plan, store, approvals, deadline, fork)
                    : CallGate.OPEN,
                new ToolRouter(behaviour, plan, children),
                budget,
                fork.prefix());
    if (controls.cancelRequested()) {
      return finish(input, cancelled());
    }
    try {
      return finish(input, race(deadline));
    } catch (CanceledFailure e) {
      if (!behaviour.runPlan()) {
        throw e;
      }
      // Cancelled from Temporal itself (an operator in its UI), not through the API: the run's
      // record must still end, so it is written outside the cancelled scope.
      RunControl temporal = new RunControl(KERNEL, "cancelled through Temporal");
      return finishOutsideCancel(
          temporal, () -> loop.outcome(RunStatus.CANCELLED, "cancelled through Temporal"));
    }
  }

  /** Ends the run (and its children) outside the cancelled scope, so its record still ends. */
  private RunOutcome finishOutsideCancel(RunControl control, Functions.Func<RunOutcome> outcome) {
    List<RunOutcome> finished = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(
            () -> {
              endChildren(control);
              finished.add(finish(input, outcome.apply()));
            })
        .run();
    return finished.get(0);
  }

  /** A run cancelled while it waited for a slot: it never began. */
  private static RunOutcome beforeBeginning(RunControl control) {
    return new RunOutcome(
        RunStatus.CANCELLED,
        RunControls.describe("cancelled", control) + " (while it waited for a slot)",
        0,
        0);
  }

  /** The loop, the deadline and a cancel race; whichever loses is cancelled. */
  private RunOutcome race(RunDeadline deadline) {
    CancellationScope loopScope =
        Workflow.newCancellationScope(() -> looping = Async.function(loop::run));
    loopScope.run();
    deadline.start();
    Workflow.await(
        () ->
            looping.isCompleted()
                || deadline.expired()
                || controls.cancelRequested()
                || pausedTooLong);
    if (looping.isCompleted()) {
      deadline.cancel();
      return looping.get();
    }
    loopScope.cancel();
    if (controls.cancelRequested()) {
      deadline.cancel();
      endChildren(controls.cancelledBy());
      return cancelled();
    }
    if (pausedTooLong) {
      String reason = "paused for longer than " + maxPaused.toSeconds() + " s without a resume";
      endChildren(new RunControl(KERNEL, reason));
      return loop.outcome(RunStatus.CANCELLED, "cancelled: " + reason);
    }
    String reason = "time limit of " + deadline.limit().toSeconds() + " s exceeded";
    endChildren(new RunControl(KERNEL, reason));
    return loop.outcome(RunStatus.TIMED_OUT, reason);
  }

  /** A step boundary: a paused run holds here, with its time limit stopped, until resumed. */
  private void holdWhilePaused(RunWorkflowInput input, RunDeadline deadline) {
    if (!controls.pauseRequested()) {
      return;
    }
    int number = ++pauses;
    deadline.hold();
    store.recordPause(
        new RunPause(
            input.tenantId(), input.runId(), number, true, loop.steps(), controls.pausedBy()));
    // A cancel meanwhile cancels the loop's scope, which ends this wait with a CanceledFailure.
    if (!behaviour.pauseCap()) {
      Workflow.await(() -> !controls.pauseRequested());
    } else if (!Workflow.await(maxPaused, () -> !controls.pauseRequested())) {
      // Nobody resumed it in time: the main thread ends the run, cancelling this wait.
      pausedTooLong = true;
      Workflow.await(() -> false);
    }
    store.recordPause(
        new RunPause(
            input.tenantId(), input.runId(), number, false, loop.steps(), controls.resumedBy()));
    deadline.resume();
  }

  /**
   * Before a run ends, its children still running end too (cancelled, with {@code control} passed
   * on) and are awaited: no child outlives its parent.
   */
  private void endChildren(RunControl control) {
    if (children != null) {
      children.endAll(control);
    }
  }

  private RunOutcome cancelled() {
    return loop.outcome(
        RunStatus.CANCELLED, RunControls.describe("cancelled", controls.cancelledBy()));
  }

  @Override
  public void cancel(RunControl control) {
    controls.cancel(control);
  }

  @Override
  public void slotFreed() {
    slot.offer();
  }

  @Override
  public void pause(RunControl control) {
    controls.pause(control);
  }

  @Override
  public void resume(RunControl control) {
    controls.resume(control);
  }

  @Override
  public void validateDecision(ApprovalDecision decision) {
    approvals.check(decision, Workflow.currentTimeMillis());
  }

  @Override
  public ApprovalOutcome decide(ApprovalDecision decision) {
    String id = decision.approvalId();
    // The validator let through an approval whose row was still being written: judge it again
    // once the workflow holds it.
    Workflow.await(() -> approvals.isSettled(id));
    approvals.check(decision, Workflow.currentTimeMillis());
    ApprovalOutcome existing = approvals.outcome(id);
    if (existing != null) {
      Workflow.await(() -> approvals.isRecorded(id));
      return existing;
    }
    ApprovalOutcome outcome =
        approvals.close(
            new ApprovalOutcome(
                id,
                ApprovalStatus.of(decision.decision()),
                decision.actor(),
                decision.comment(),
                Workflow.currentTimeMillis()));
    store.recordApproval(
        new ApprovalRecord(input.tenantId(), input.runId(), approvals.step(id), outcome));
    approvals.markRecorded(id);
    return outcome;
  }

  @Override
  public int completedSteps() {
    return loop == null ? 0 : loop.steps();
  }

  private RunOutcome finish(RunWorkflowInput input, RunOutcome outcome) {
    // A loop that ended early (a tool call failed for good) may leave siblings running.
    endChildren(new RunControl(KERNEL, "run ended " + outcome.status().wireName()));
    String transcriptKey = loop == null ? openingTranscriptKey : loop.transcriptKey();
    String transcriptSha256 = loop == null ? openingTranscriptSha256 : loop.transcriptSha256();
    store.finishRun(
        new RunFinish(input.tenantId(), input.runId(), outcome, transcriptKey, transcriptSha256));
    if (behaviour.runSlots()) {
      slot.passOn(input);
    }
    return outcome;
  }

  /** Versions before 3 started from the whole spec; they need only this much of it. */
  private static RunPlan plan(RunContext context) {
    return new RunPlan(
        context.transcriptKey(),
        context.spec().limitsOrDefault(),
        context.spec().retryOrDefault(),
        List.of());
  }
}
