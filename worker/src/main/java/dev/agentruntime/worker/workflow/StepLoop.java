package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ForkPrefix;
import dev.agentruntime.core.activity.ModelStepRequest;
import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.activity.ObjectDigests;
import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.activity.ToolCallRef;
import dev.agentruntime.core.activity.ToolStepRequest;
import dev.agentruntime.core.activity.ToolStepResult;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool-calling loop: a decision (a model call of the built-in loop, or a turn of an HTTP
 * agent), then the tool calls it asked for, until a final answer or a budget runs out. Between
 * steps it passes a boundary where a paused run holds. Workflow code: deterministic, all I/O in
 * activities.
 */
final class StepLoop implements RunLoop {

  /** Called before every step; may block (a paused run) or throw (a cancelled one). */
  interface Boundary {
    void pass();
  }

  private final RunWorkflowInput input;
  private final LimitsSpec limits;
  private final RunBehaviour behaviour;
  private final Decider decider;
  private final Boundary boundary;
  private final CallGate gate;
  private final ToolRouter tools;
  private final TreeBudget budget;
  private final TenantBudget tenantBudget;

  /** For a fork, the reused steps it goes on from; {@code null} for a run from step 1. */
  private final ForkPrefix prefix;

  private int steps;
  private long tokens;
  private String transcriptKey;
  private String transcriptSha256;

  StepLoop(
      RunWorkflowInput input,
      RunPlan plan,
      RunBehaviour behaviour,
      Decider decider,
      Boundary boundary,
      CallGate gate,
      ToolRouter tools,
      TreeBudget budget,
      ForkPrefix prefix) {
    this.input = input;
    this.prefix = prefix;
    this.limits = plan.limits();
    this.transcriptKey = plan.transcriptKey();
    this.transcriptSha256 = plan.transcriptSha256();
    this.behaviour = behaviour;
    this.decider = decider;
    this.boundary = boundary;
    this.gate = gate;
    this.tools = tools;
    this.budget = budget;
    this.tenantBudget = new TenantBudget(behaviour);
  }

  @Override
  public int steps() {
    return steps;
  }

  long tokens() {
    return tokens;
  }

  @Override
  public String transcriptKey() {
    return transcriptKey;
  }

  /** What the last step reported of the transcript it wrote; {@code null} when unknown. */
  @Override
  public String transcriptSha256() {
    return transcriptSha256;
  }

  @Override
  public RunOutcome run() {
    List<String> toolResultKeys = List.of();
    List<String> toolResultShas = List.of();
    int first = 1;
    if (prefix != null) {
      // A fork's reused steps are its own steps (they count against its step limit), but cost
      // it no tokens: it goes on as the source did after them.
      first = prefix.firstLiveStep();
      steps = first - 1;
      transcriptKey = prefix.transcriptKey();
      transcriptSha256 = prefix.transcriptSha256();
      toolResultKeys = prefix.toolResultKeys();
      toolResultShas = prefix.toolResultShas();
      budget.spent(steps, tokens);
    }
    // The run's steps and its children's count against its limit (without children: step <= max).
    for (int step = first; budget.mayStep(step); step++) {
      boundary.pass();
      String budgetStop = tenantBudget.stopReason(input.tenantId());
      if (budgetStop != null) {
        return failed(budgetStop);
      }
      ModelStepResult answer;
      ModelStepRequest modelRequest =
          new ModelStepRequest(
              input.tenantId(),
              input.runId(),
              input.agentVersionId(),
              step,
              transcriptKey,
              toolResultKeys,
              digests(toolResultKeys, toolResultShas));
      try {
        answer = behaviour.attempt(() -> decider.apply(modelRequest));
      } catch (ActivityFailure e) {
        return failed(
            decider.name() + " of step " + step + " failed: " + ActivityFailures.reason(e));
      }
      steps++;
      tokens += answer.tokens();
      transcriptKey = answer.transcriptKey();
      transcriptSha256 = answer.transcriptSha256();
      budget.spent(steps, tokens);
      boolean overBudget = budget.overTokens();
      if (behaviour.budgetsFinalAnswer() && overBudget) {
        return failed("token budget of " + limits.maxTokensOrDefault() + " exceeded");
      }
      if (answer.finalAnswer()) {
        return outcome(RunStatus.SUCCEEDED, null);
      }
      if (overBudget) {
        return failed("token budget of " + limits.maxTokensOrDefault() + " exceeded");
      }
      boundary.pass();
      List<CallGate.Verdict> verdicts = verdicts(step, answer.toolCalls());
      List<Promise<ToolStepResult>> calls = new ArrayList<>();
      for (int i = 0; i < answer.toolCalls().size(); i++) {
        CallGate.Verdict verdict = verdicts.get(i);
        ToolStepRequest request =
            new ToolStepRequest(
                input.tenantId(),
                input.runId(),
                input.agentVersionId(),
                step,
                transcriptKey,
                answer.toolCalls().get(i),
                verdict.approvedArgumentsSha256(),
                transcriptSha256);
        calls.add(
            verdict.refused() ? tools.refuse(request, verdict.refusal()) : tools.start(request));
      }
      List<String> keys = new ArrayList<>();
      List<String> shas = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        try {
          ToolStepResult result = calls.get(i).get();
          keys.add(result.resultKey());
          shas.add(result.resultSha256());
        } catch (ActivityFailure e) {
          return failed(
              "tool call "
                  + answer.toolCalls().get(i).name()
                  + " of step "
                  + step
                  + " failed: "
                  + ActivityFailures.reason(e));
        }
      }
      toolResultKeys = keys;
      toolResultShas = shas;
    }
    return failed(
        "step limit of " + limits.maxStepsOrDefault() + " reached without a final answer");
  }

  /**
   * Calls that need approval wait for it (from version 4; before, the gate is open), and a pause
   * asked for meanwhile takes effect before any of them runs.
   */
  private List<CallGate.Verdict> verdicts(int step, List<ToolCallRef> calls) {
    List<CallGate.Verdict> verdicts = gate.await(step, transcriptKey, calls);
    if (verdicts.stream().anyMatch(v -> v != CallGate.Verdict.UNGATED)) {
      boundary.pass();
    }
    return verdicts;
  }

  /** The transcript's digest and the tool results' known ones, for the step's reader. */
  private ObjectDigests digests(List<String> toolResultKeys, List<String> toolResultShas) {
    List<String> keys = new ArrayList<>(toolResultKeys);
    List<String> shas = new ArrayList<>(toolResultShas);
    keys.add(transcriptKey);
    shas.add(transcriptSha256);
    return ObjectDigests.of(keys, shas);
  }

  @Override
  public RunOutcome outcome(RunStatus status, String reason) {
    return budget.outcome(new RunOutcome(status, reason, steps, tokens));
  }

  private RunOutcome failed(String reason) {
    return outcome(RunStatus.FAILED, reason);
  }
}
