package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One entry of {@link PipelineSpec#steps()}: either a step, which is a run of another agent, or a
 * parallel group of steps ({@code parallel} set and nothing else). A step's fields are null in a
 * group and the other way round; {@link PipelineRules} refuses any mix.
 *
 * @param name the step's name, unique in the pipeline; later steps read its output under {@code
 *     /steps/<name>}
 * @param agent the name of the agent of the same tenant the step runs
 * @param version that agent's version, pinned so that a pipeline version always runs the same
 *     agents; or null when {@code alias} names it (exactly one of the two)
 * @param input template of the child run's input; {@code null} (or JSON null) passes the pipeline's
 *     input on unchanged
 * @param onFailure what a failed child run does to the pipeline; {@code null} fails it
 * @param parallel the members of a parallel group, single steps that start together
 * @param alias instead of {@code version}: an alias of {@code agent}, resolved when the step starts
 *     its child run (the child records the alias and stays on the version it resolved to); null
 *     when absent, so specs without it keep their content hash
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineStep(
    String name,
    String agent,
    Integer version,
    JsonNode input,
    StepFailurePolicy onFailure,
    List<PipelineStep> parallel,
    String alias) {

  public PipelineStep {
    // JSON null means absent, as for every optional field of a spec.
    input = input == null || input.isNull() ? null : input;
    // Nulls inside are kept for the validator to report, with their index.
    parallel = parallel == null ? null : Collections.unmodifiableList(new ArrayList<>(parallel));
  }

  /** A step or group without an alias. */
  public PipelineStep(
      String name,
      String agent,
      Integer version,
      JsonNode input,
      StepFailurePolicy onFailure,
      List<PipelineStep> parallel) {
    this(name, agent, version, input, onFailure, parallel, null);
  }

  /** A single step. */
  public static PipelineStep of(
      String name, String agent, int version, JsonNode input, StepFailurePolicy onFailure) {
    return new PipelineStep(name, agent, version, input, onFailure, null);
  }

  /**
   * A single step that runs the version {@code alias} of {@code agent} points at when it starts.
   */
  public static PipelineStep ofAlias(
      String name, String agent, String alias, JsonNode input, StepFailurePolicy onFailure) {
    return new PipelineStep(name, agent, null, input, onFailure, null, alias);
  }

  /** A parallel group of single steps. */
  public static PipelineStep parallel(List<PipelineStep> members) {
    return new PipelineStep(null, null, null, null, null, members);
  }

  @JsonIgnore // derived, not a field of the stored JSON
  public boolean isParallel() {
    return parallel != null;
  }

  /** The input template, or for a step without one {@code {"$ref": "/input"}}. */
  @JsonIgnore
  public JsonNode inputOrDefault() {
    return input == null
        ? JsonNodeFactory.instance.objectNode().put(PipelineTemplates.REF, "/input")
        : input;
  }

  @JsonIgnore
  public StepFailurePolicy onFailureOrDefault() {
    return onFailure == null ? StepFailurePolicy.FAIL : onFailure;
  }
}
