package dev.agentruntime.api.run.compare;

import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The same step number of two runs, side by side. */
public record StepComparison(
    @Schema(minimum = "1") int step,
    @Schema(nullable = true, description = "The step of the first run; null when it has none")
        StepSummary a,
    @Schema(nullable = true, description = "The step of the second run; null when it has none")
        StepSummary b,
    @Schema(
            description =
                "True when both runs have the step and it called the same tools in the same order"
                    + " with the same outcomes")
        boolean sameToolCalls) {

  static StepComparison of(int step, StepSummary a, StepSummary b) {
    return new StepComparison(
        step, a, b, a != null && b != null && Objects.equals(calls(a), calls(b)));
  }

  /** What "the same calls" means: tool and outcome in order (call ids differ between runs). */
  private static List<String> calls(StepSummary step) {
    return step.toolCalls().stream().map(c -> c.tool() + "/" + c.outcome()).toList();
  }
}
