package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * How a step of a pipeline ended, as later steps and the pipeline's output see it under {@code
 * /steps/<name>}: {@code {"status": "succeeded", "output": …}} or {@code {"status": "failed",
 * "error": "…"}} (a failed step the pipeline continued past).
 *
 * @param output the child run's answer; only when succeeded, JSON {@code null} when it had none
 * @param error why the step failed; only when failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineStepResult(Status status, JsonNode output, String error) {

  public static PipelineStepResult succeeded(JsonNode output) {
    return new PipelineStepResult(
        Status.SUCCEEDED, output == null ? NullNode.getInstance() : output, null);
  }

  public static PipelineStepResult failed(String error) {
    return new PipelineStepResult(Status.FAILED, null, error);
  }

  public enum Status {
    @JsonProperty("succeeded")
    SUCCEEDED,
    @JsonProperty("failed")
    FAILED;

    /** The name later steps read at {@code /steps/<name>/status}. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
