package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The steps of a pipeline agent ({@link RuntimeKind#PIPELINE}): runs of other agents of the same
 * tenant, one stage after the other, where a stage is one step or a parallel group of steps. Each
 * step's input and the pipeline's output are {@link PipelineTemplates templates} over the
 * pipeline's input and the earlier steps' outputs. Trusted only after {@link PipelineRules} found
 * no violation; before that, lists may hold nulls and fields may be missing.
 *
 * @param steps the stages, in the order they run; a step or a {@code parallel} group each
 * @param output template of the pipeline's output, evaluated when every stage has ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineSpec(List<PipelineStep> steps, JsonNode output) {

  public PipelineSpec {
    // JSON null means absent, as for every optional field of a spec (and output is required).
    output = output == null || output.isNull() ? null : output;
    // Nulls inside are kept for the validator to report, with their index.
    steps = steps == null ? null : Collections.unmodifiableList(new ArrayList<>(steps));
  }

  /**
   * Every agent the pipeline runs, with the path of the step's {@code agent} field, in the order of
   * the steps (group members in their order); steps without an agent, or without both a version and
   * an alias, which the validator refuses, are left out.
   */
  List<AgentReference> agentReferences() {
    List<AgentReference> out = new ArrayList<>();
    if (steps == null) {
      return out;
    }
    for (int i = 0; i < steps.size(); i++) {
      PipelineStep step = steps.get(i);
      String at = "pipeline.steps[" + i + "]";
      if (step != null && step.isParallel()) {
        for (int m = 0; m < step.parallel().size(); m++) {
          reference(at + ".parallel[" + m + "]", step.parallel().get(m), out);
        }
      } else {
        reference(at, step, out);
      }
    }
    return out;
  }

  private static void reference(String at, PipelineStep step, List<AgentReference> out) {
    if (step != null && step.agent() != null && (step.version() != null || step.alias() != null)) {
      out.add(new AgentReference(at + ".agent", step.agent(), step.version(), step.alias()));
    }
  }
}
