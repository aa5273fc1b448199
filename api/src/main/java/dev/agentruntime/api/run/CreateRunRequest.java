package dev.agentruntime.api.run;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/runs}: exactly one of {@code agentId} and {@code agentName}; the latest
 * version unless {@code version} names one. The example is a real request: the contract test seeds
 * an agent of that name, so schemathesis's example phase admits real runs.
 */
@Schema(example = CreateRunRequest.EXAMPLE)
public record CreateRunRequest(
    UUID agentId,
    @Size(min = 1, max = 63) String agentName,
    @Positive Integer version,
    @Schema(ref = "JsonObject", required = true) @NotNull JsonNode input) {

  static final String EXAMPLE =
      "{\"agentName\": \"support-triage\", \"input\": {\"ticket\": \"The printer on floor 3 is"
          + " jammed\", \"priority\": \"low\"}}";
}
