package dev.agentruntime.api.run.compare;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One step of a run as its timeline recorded it: the model's (or HTTP agent's) turn and its tools.
 */
public record StepSummary(
    @Schema(minimum = "1") int step,
    @Schema(
            enumeration = {"model", "agent"},
            description = "model: a model call of the built-in loop; agent: an HTTP agent's turn")
        String kind,
    @Schema(
            minimum = "0",
            description =
                "Calls the step took, 1 when the first one answered; 0 for a step a fork reused")
        int attempts,
    @Schema(
            description =
                "Whether the model or agent answered (false: every attempt failed so far)")
        boolean answered,
    @Schema(nullable = true, description = "The answer's tokens; null until it answered")
        Long tokens,
    @Schema(
            nullable = true,
            description = "The prompt's share of `tokens`; null when the event does not split them")
        Long inputTokens,
    @Schema(nullable = true, description = "The answer's share of `tokens`; null likewise")
        Long outputTokens,
    @Schema(nullable = true, description = "The provider's finish reason, when it gave one")
        String finishReason,
    @Schema(description = "The tool calls the step made, in order") List<StepToolCall> toolCalls,
    @Schema(
            description =
                "True for a step a fork took from its source as recorded (step.reused): no call"
                    + " was made and no tool ran again; `tokens` are what the source spent on it")
        boolean reused) {

  public StepSummary {
    toolCalls = List.copyOf(toolCalls);
  }
}
