package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.AgentTurnActivities;
import dev.agentruntime.core.activity.ModelActivities;
import dev.agentruntime.core.activity.ModelStepRequest;
import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.activity.RunContext;
import dev.agentruntime.core.activity.RunFinish;
import dev.agentruntime.core.activity.RunPause;
import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.activity.RunStoreActivities;
import dev.agentruntime.core.activity.ToolActivities;
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
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One agent run: starts it, races its {@link StepLoop} against its {@link RunDeadline} and its
 * controllers' cancel, and records how it ended. Deterministic: time, timers and waiting only
 * through {@link Workflow}; all I/O happens in activities. Any change here must keep replaying the
 * recorded histories (see AgentRunWorkflowReplayTest).
 */
public class AgentRunWorkflowImpl implements AgentRunWorkflow {

  /**
   * Version 1 runs the bookkeeping (start, finish) and the built-in tools as local activities: they
   * are short and idempotent, and a local activity is recorded in the history without the two
   * server round trips of a scheduled one, which dominated a step's cost. Version 0 (runs started
   * before) keeps them as scheduled activities, so its histories still replay.
   */
  static final String LOCAL_BOOKKEEPING_AND_TOOLS = "local-bookkeeping-and-tools";

  /**
   * Version 2 (same change id): a step that failed on an outage of PostgreSQL or the object store
   * is scheduled again under the kernel's policy ({@link KernelRetry}) instead of failing the run,
   * and the token budget is checked after every model answer, the final one included. Versions 0
   * and 1 keep their behaviour, so their histories still replay.
   */
  static final int KERNEL_RETRY_AND_FULL_BUDGET = 2;

  /**
   * Version 3 (same change id): the run starts from a small {@link RunPlan} instead of the whole
   * spec, obeys cancel, pause and resume signals, and its time limit does not run while it is
   * paused. Earlier versions never received those signals, so their histories replay unchanged.
   */
  static final int RUN_CONTROL = 3;

  /**
   * Version 4 (same change id): calls of a tool with {@code requiresApproval} wait for a person's
   * decision (the {@code decide} update) and run only if approved, with exactly the approved
   * arguments. Earlier versions never had such tools (the spec validator refused them).
   */
  static final int APPROVALS = 4;

  /**
   * Version 5 (same change id): calls of a tool that reaches the network ({@code http_request}) run
   * as scheduled activities that heartbeat, never as local ones, so a cancel reaches them and a
   * dead worker is noticed after the heartbeat timeout. Earlier versions had no such tools.
   */
  static final int NETWORK_TOOLS_SCHEDULED = 5;

  /**
   * Version 6 (same change id): a version whose runtime is {@code http} takes each step as a turn
   * of its agent ({@link AgentTurnActivities}, scheduled, heartbeating) instead of a model call.
   * Earlier versions never had such runs (the spec validator refused the runtime), and built-in
   * runs schedule the same commands as in version 5.
   */
  static final int HTTP_AGENTS = 6;

  private final RunControls controls = new RunControls();
  private final Approvals approvals = new Approvals();
  private RunWorkflowInput input;
  private RunStoreActivities store;
  private StepLoop loop;
  private Promise<RunOutcome> looping;
  private String openingTranscriptKey;
  private String openingTranscriptSha256;
  private int pauses;

  @Override
  public RunOutcome run(RunWorkflowInput input) {
    int version =
        Workflow.getVersion(LOCAL_BOOKKEEPING_AND_TOOLS, Workflow.DEFAULT_VERSION, HTTP_AGENTS);
    this.input = input;
    boolean local = version >= 1;
    boolean controlled = version >= RUN_CONTROL;
    store =
        local
            ? Workflow.newLocalActivityStub(
                RunStoreActivities.class, RunActivityOptions.LOCAL_STORE)
            : Workflow.newActivityStub(RunStoreActivities.class, RunActivityOptions.STORE);
    RunPlan plan;
    try {
      plan = controlled ? store.beginRun(input) : plan(store.startRun(input));
    } catch (ActivityFailure e) {
      return finish(
          input, new RunOutcome(RunStatus.FAILED, "run could not start: " + reason(e), 0, 0));
    }
    openingTranscriptKey = plan.transcriptKey();
    openingTranscriptSha256 = plan.transcriptSha256();
    ToolActivities tools =
        local
            ? Workflow.newLocalActivityStub(
                ToolActivities.class, RunActivityOptions.localSteps(plan.retry()))
            : Workflow.newActivityStub(
                ToolActivities.class, RunActivityOptions.steps(plan.retry()));
    RunDeadline deadline =
        new RunDeadline(Duration.ofSeconds(plan.limits().timeoutSecondsOrDefault()));
    loop =
        new StepLoop(
            input,
            plan.limits(),
            plan.transcriptKey(),
            plan.transcriptSha256(),
            decider(version, plan),
            version >= HTTP_AGENTS && plan.httpAgent() ? "agent turn" : "model call",
            tools,
            version >= KERNEL_RETRY_AND_FULL_BUDGET,
            () -> holdWhilePaused(input, deadline),
            version >= APPROVALS ? new ToolGate(input, plan, store, approvals, deadline) : null,
            version >= NETWORK_TOOLS_SCHEDULED
                ? Workflow.newActivityStub(
                    ToolActivities.class, RunActivityOptions.networkSteps(plan.retry()))
                : null,
            plan::scheduled);
    if (controls.cancelRequested()) {
      return finish(input, cancelled());
    }
    try {
      return finish(input, race(deadline));
    } catch (CanceledFailure e) {
      if (!controlled) {
        throw e;
      }
      // Cancelled from Temporal itself (an operator in its UI), not through the API: the run's
      // record must still end, so it is written outside the cancelled scope.
      RunOutcome outcome = loop.outcome(RunStatus.CANCELLED, "cancelled through Temporal");
      Workflow.newDetachedCancellationScope(() -> finish(input, outcome)).run();
      return outcome;
    }
  }

  /** Who takes each step's decision: the spec's model, or (from version 6) its HTTP agent. */
  private static Function<ModelStepRequest, ModelStepResult> decider(int version, RunPlan plan) {
    if (version >= HTTP_AGENTS && plan.httpAgent()) {
      AgentTurnActivities agent =
          Workflow.newActivityStub(
              AgentTurnActivities.class, RunActivityOptions.agentTurns(plan.retry()));
      return agent::takeTurn;
    }
    ModelActivities model =
        Workflow.newActivityStub(
            ModelActivities.class, RunActivityOptions.modelSteps(plan.retry()));
    return model::callModel;
  }

  /** The loop, the deadline and a cancel race; whichever loses is cancelled. */
  private RunOutcome race(RunDeadline deadline) {
    CancellationScope loopScope =
        Workflow.newCancellationScope(() -> looping = Async.function(loop::run));
    loopScope.run();
    deadline.start();
    Workflow.await(() -> looping.isCompleted() || deadline.expired() || controls.cancelRequested());
    if (looping.isCompleted()) {
      deadline.cancel();
      return looping.get();
    }
    loopScope.cancel();
    if (controls.cancelRequested()) {
      deadline.cancel();
      return cancelled();
    }
    return loop.outcome(
        RunStatus.TIMED_OUT, "time limit of " + deadline.limit().toSeconds() + " s exceeded");
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
    Workflow.await(() -> !controls.pauseRequested());
    store.recordPause(
        new RunPause(
            input.tenantId(), input.runId(), number, false, loop.steps(), controls.resumedBy()));
    deadline.resume();
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
    String transcriptKey = loop == null ? openingTranscriptKey : loop.transcriptKey();
    String transcriptSha256 = loop == null ? openingTranscriptSha256 : loop.transcriptSha256();
    store.finishRun(
        new RunFinish(input.tenantId(), input.runId(), outcome, transcriptKey, transcriptSha256));
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

  /** The readable cause of an activity that failed for good: its last attempt's failure. */
  static String reason(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof TimeoutFailure timeout) {
      String last =
          timeout.getCause() instanceof TemporalFailure lastAttempt
              ? " (last attempt: " + lastAttempt.getOriginalMessage() + ")"
              : "";
      return "timed out (" + timeout.getTimeoutType() + ")" + last;
    }
    if (cause instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    if (cause instanceof TemporalFailure temporal) {
      return temporal.getOriginalMessage();
    }
    return cause != null ? cause.getMessage() : failure.getOriginalMessage();
  }
}
