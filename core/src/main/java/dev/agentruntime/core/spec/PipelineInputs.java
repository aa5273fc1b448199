package dev.agentruntime.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Builds a step's input and the pipeline's output from the pipeline's input and the results of the
 * steps that have ended, by evaluating their {@link PipelineTemplates templates} over the document
 * {@code {"input": <pipeline input>, "steps": {"<name>": <PipelineStepResult>}}}. Pure and
 * deterministic, so a workflow may call it: the same arguments always give the same JSON.
 */
public final class PipelineInputs {

  private PipelineInputs() {}

  /**
   * The input of {@code step}'s child run.
   *
   * @param results the steps that have ended so far, by name
   * @throws PipelineInputException when a reference selects nothing, or the template does not build
   *     a JSON object (a run's input is always one)
   */
  public static ObjectNode stepInput(
      PipelineStep step, JsonNode pipelineInput, Map<String, PipelineStepResult> results) {
    JsonNode input =
        PipelineTemplates.evaluate(
            step.inputOrDefault(), document(pipelineInput, results), step.name(), "input");
    if (!input.isObject()) {
      JsonNode ref = step.inputOrDefault().get(PipelineTemplates.REF);
      throw new PipelineInputException(
          step.name(),
          "input",
          ref == null ? null : ref.asText(),
          "builds a JSON "
              + input.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + ", but a run's input is a JSON object");
    }
    return (ObjectNode) input;
  }

  /**
   * The pipeline's output, built once every stage has ended.
   *
   * @throws PipelineInputException when a reference selects nothing
   */
  public static JsonNode output(
      PipelineSpec pipeline, JsonNode pipelineInput, Map<String, PipelineStepResult> results) {
    return PipelineTemplates.evaluate(
        pipeline.output(), document(pipelineInput, results), null, "output");
  }

  static ObjectNode document(JsonNode pipelineInput, Map<String, PipelineStepResult> results) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode steps = json.objectNode();
    results.forEach(
        (name, result) -> {
          ObjectNode entry = steps.putObject(name).put("status", result.status().wireName());
          if (result.output() != null) {
            entry.set("output", result.output());
          }
          if (result.error() != null) {
            entry.put("error", result.error());
          }
        });
    ObjectNode document = json.objectNode();
    document.set("input", pipelineInput == null ? json.nullNode() : pipelineInput);
    document.set("steps", steps);
    return document;
  }
}
