package dev.agentruntime.api.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.agent.alias.AliasService;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/runs}: exactly one of {@code agentId} and {@code agentName}; the latest
 * version unless {@code version} or {@code alias} names one (not both). The example is a real
 * request: the contract test seeds an agent of that name, so schemathesis's example phase admits
 * real runs.
 */
@Schema(example = CreateRunRequest.EXAMPLE)
public record CreateRunRequest(
    UUID agentId,
    @Size(min = 1, max = 63) String agentName,
    @Positive Integer version,
    @Schema(ref = "JsonObject", required = true) @NotNull JsonNode input,
    @Schema(
            nullable = true,
            pattern = AliasService.NAME_REGEX,
            maxLength = 63,
            description =
                "An alias of the agent instead of a version: the run takes the version it points"
                    + " at now (or its canary, for the canary's share of runs) and keeps it for"
                    + " life")
        @Pattern(regexp = AliasService.NAME_REGEX)
        String alias,
    @Schema(
            nullable = true,
            minLength = 1,
            maxLength = 200,
            description =
                "With an alias that splits: runs with the same key take the same side of the"
                    + " split (while its weight stays), for example a user or a conversation id")
        @Size(min = 1, max = 200)
        String routingKey) {

  /** A request naming a version (or the latest), as callers before aliases made them. */
  public CreateRunRequest(UUID agentId, String agentName, Integer version, JsonNode input) {
    this(agentId, agentName, version, input, null, null);
  }

  static final String EXAMPLE =
      "{\"agentName\": \"support-triage\", \"input\": {\"ticket\": \"The printer on floor 3 is"
          + " jammed\", \"priority\": \"low\"}}";
}
