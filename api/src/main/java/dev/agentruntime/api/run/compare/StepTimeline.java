package dev.agentruntime.api.run.compare;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.event.AgentTurnCompleted;
import dev.agentruntime.core.run.event.AgentTurnFailed;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.run.event.ModelCallFailed;
import dev.agentruntime.core.run.event.RunEventJson;
import dev.agentruntime.core.run.event.RunEventPayload;
import dev.agentruntime.core.run.event.StepReused;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.run.event.ToolCallFailed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's steps folded from its typed timeline events: each step's model call (or HTTP agent turn)
 * with its attempts and tokens, and its tool calls in order; a step a fork reused from its source
 * is one too, marked so. Pipeline runs record stages, not steps, so they have none here.
 */
final class StepTimeline {

  /** The event types a step is made of. */
  static final List<String> TYPES =
      List.of(
          RunEventTypes.MODEL_CALL_COMPLETED,
          RunEventTypes.MODEL_CALL_FAILED,
          RunEventTypes.AGENT_TURN_COMPLETED,
          RunEventTypes.AGENT_TURN_FAILED,
          RunEventTypes.TOOL_CALL_COMPLETED,
          RunEventTypes.TOOL_CALL_FAILED,
          RunEventTypes.STEP_REUSED);

  private final Map<Integer, Step> steps = new TreeMap<>();

  private StepTimeline() {}

  /** The steps of these events (of {@link #TYPES}, in timeline order), by step number. */
  static List<StepSummary> of(List<RunComparisonRepository.Event> events) {
    StepTimeline timeline = new StepTimeline();
    for (RunComparisonRepository.Event event : events) {
      timeline.add(RunEventJson.read(event.type(), event.payload()));
    }
    return timeline.steps.values().stream().map(Step::summary).toList();
  }

  private void add(RunEventPayload payload) {
    switch (payload) {
      case ModelCallCompleted done -> {
        Step step = step(done.step(), "model");
        step.attempts = Math.max(step.attempts, done.attempt());
        step.answered = true;
        step.tokens = done.tokens();
        step.inputTokens = done.inputTokens();
        step.outputTokens = done.outputTokens();
        step.finishReason = done.finishReason();
      }
      case ModelCallFailed failed -> {
        Step step = step(failed.step(), "model");
        step.attempts = Math.max(step.attempts, failed.attempt());
      }
      case AgentTurnCompleted done -> {
        Step step = step(done.step(), "agent");
        step.attempts = Math.max(step.attempts, done.attempt());
        step.answered = true;
        step.tokens = done.tokens();
      }
      case AgentTurnFailed failed -> {
        Step step = step(failed.step(), "agent");
        step.attempts = Math.max(step.attempts, failed.attempt());
      }
      case ToolCallCompleted call ->
          step(call.step(), "model")
              .calls
              .add(new StepToolCall(call.index(), call.tool(), "completed"));
      case ToolCallFailed call ->
          step(call.step(), "model")
              .calls
              .add(new StepToolCall(call.index(), call.tool(), "failed"));
      case StepReused reused -> {
        Step step = step(reused.step(), reused.decider());
        step.attempts = 0;
        step.answered = true;
        step.reused = true;
        step.tokens = reused.tokens();
        for (StepReused.ReusedToolCall call : reused.toolCalls()) {
          step.calls.add(
              new StepToolCall(call.index(), call.tool(), call.failed() ? "failed" : "completed"));
        }
      }
      default -> {
        // Not part of a step (only TYPES are read).
      }
    }
  }

  /** The step's builder; a tool call seen first (it never is) leaves the kind to its turn. */
  private Step step(int number, String kind) {
    Step step = steps.computeIfAbsent(number, n -> new Step(n, kind));
    if (!"model".equals(kind)) {
      step.kind = kind;
    }
    return step;
  }

  private static final class Step {
    private final int number;
    private String kind;
    private int attempts = 1;
    private boolean answered;
    private Long tokens;
    private Long inputTokens;
    private Long outputTokens;
    private String finishReason;
    private boolean reused;
    private final List<StepToolCall> calls = new ArrayList<>();

    Step(int number, String kind) {
      this.number = number;
      this.kind = kind;
    }

    StepSummary summary() {
      return new StepSummary(
          number,
          kind,
          attempts,
          answered,
          tokens,
          inputTokens,
          outputTokens,
          finishReason,
          calls,
          reused);
    }
  }
}
