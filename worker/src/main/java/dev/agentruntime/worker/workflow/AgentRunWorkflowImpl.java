package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ModelActivities;
import dev.agentruntime.core.activity.ModelStepRequest;
import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.activity.RunContext;
import dev.agentruntime.core.activity.RunFinish;
import dev.agentruntime.core.activity.RunStoreActivities;
import dev.agentruntime.core.activity.ToolActivities;
import dev.agentruntime.core.activity.ToolCallRef;
import dev.agentruntime.core.activity.ToolStepRequest;
import dev.agentruntime.core.activity.ToolStepResult;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in agent loop. Deterministic: time, timers and waiting only through {@link Workflow};
 * all I/O happens in activities. Any change here must keep replaying the recorded histories (see
 * AgentRunWorkflowReplayTest).
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

  private RunStoreActivities store;
  private boolean version2;

  private int steps;
  private long tokens;
  private String transcriptKey;
  private Promise<RunOutcome> loop;
  private Promise<Void> deadline;

  @Override
  public RunOutcome run(RunWorkflowInput input) {
    int version =
        Workflow.getVersion(
            LOCAL_BOOKKEEPING_AND_TOOLS, Workflow.DEFAULT_VERSION, KERNEL_RETRY_AND_FULL_BUDGET);
    boolean local = version >= 1;
    version2 = version >= KERNEL_RETRY_AND_FULL_BUDGET;
    store =
        local
            ? Workflow.newLocalActivityStub(
                RunStoreActivities.class, RunActivityOptions.LOCAL_STORE)
            : Workflow.newActivityStub(RunStoreActivities.class, RunActivityOptions.STORE);
    RunContext context;
    try {
      context = store.startRun(input);
    } catch (ActivityFailure e) {
      return finish(input, failed("run could not start: " + reason(e)));
    }
    transcriptKey = context.transcriptKey();
    LimitsSpec limits = context.spec().limitsOrDefault();
    ActivityOptions stepOptions = RunActivityOptions.steps(context.spec().retryOrDefault());
    ModelActivities model =
        Workflow.newActivityStub(
            ModelActivities.class, RunActivityOptions.modelSteps(context.spec().retryOrDefault()));
    ToolActivities tools =
        local
            ? Workflow.newLocalActivityStub(
                ToolActivities.class,
                RunActivityOptions.localSteps(context.spec().retryOrDefault()))
            : Workflow.newActivityStub(ToolActivities.class, stepOptions);

    // The loop and the run's deadline race; whichever loses is cancelled.
    CancellationScope loopScope =
        Workflow.newCancellationScope(
            () -> loop = Async.function(() -> runLoop(input, limits, model, tools)));
    loopScope.run();
    CancellationScope deadlineScope =
        Workflow.newCancellationScope(
            () ->
                deadline = Workflow.newTimer(Duration.ofSeconds(limits.timeoutSecondsOrDefault())));
    deadlineScope.run();
    Workflow.await(() -> loop.isCompleted() || deadline.isCompleted());

    RunOutcome outcome;
    if (loop.isCompleted()) {
      deadlineScope.cancel();
      outcome = loop.get();
    } else {
      loopScope.cancel();
      outcome =
          new RunOutcome(
              RunStatus.TIMED_OUT,
              "time limit of " + limits.timeoutSecondsOrDefault() + " s exceeded",
              steps,
              tokens);
    }
    return finish(input, outcome);
  }

  @Override
  public int completedSteps() {
    return steps;
  }

  private RunOutcome runLoop(
      RunWorkflowInput input, LimitsSpec limits, ModelActivities model, ToolActivities tools) {
    List<String> toolResultKeys = List.of();
    for (int step = 1; step <= limits.maxStepsOrDefault(); step++) {
      ModelStepResult answer;
      ModelStepRequest modelRequest =
          new ModelStepRequest(
              input.tenantId(),
              input.runId(),
              input.agentVersionId(),
              step,
              transcriptKey,
              toolResultKeys);
      try {
        answer =
            version2
                ? KernelRetry.call(() -> model.callModel(modelRequest))
                : model.callModel(modelRequest);
      } catch (ActivityFailure e) {
        return failed("model call of step " + step + " failed: " + reason(e));
      }
      steps++;
      tokens += answer.tokens();
      transcriptKey = answer.transcriptKey();
      boolean overBudget = tokens > limits.maxTokensOrDefault();
      if (version2 && overBudget) {
        return failed("token budget of " + limits.maxTokensOrDefault() + " exceeded");
      }
      if (answer.finalAnswer()) {
        return new RunOutcome(RunStatus.SUCCEEDED, null, steps, tokens);
      }
      if (overBudget) {
        return failed("token budget of " + limits.maxTokensOrDefault() + " exceeded");
      }
      List<Promise<ToolStepResult>> calls = new ArrayList<>();
      for (ToolCallRef call : answer.toolCalls()) {
        ToolStepRequest request =
            new ToolStepRequest(
                input.tenantId(), input.runId(), input.agentVersionId(), step, transcriptKey, call);
        calls.add(
            version2
                ? Async.function(() -> KernelRetry.call(() -> tools.callTool(request)))
                : Async.function(tools::callTool, request));
      }
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        try {
          keys.add(calls.get(i).get().resultKey());
        } catch (ActivityFailure e) {
          return failed(
              "tool call "
                  + answer.toolCalls().get(i).name()
                  + " of step "
                  + step
                  + " failed: "
                  + reason(e));
        }
      }
      toolResultKeys = keys;
    }
    return failed(
        "step limit of " + limits.maxStepsOrDefault() + " reached without a final answer");
  }

  private RunOutcome finish(RunWorkflowInput input, RunOutcome outcome) {
    store.finishRun(new RunFinish(input.tenantId(), input.runId(), outcome, transcriptKey));
    return outcome;
  }

  private RunOutcome failed(String reason) {
    return new RunOutcome(RunStatus.FAILED, reason, steps, tokens);
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
