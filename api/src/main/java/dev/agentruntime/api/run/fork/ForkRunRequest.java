package dev.agentruntime.api.run.fork;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.agent.alias.AliasService;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/runs/{runId}/fork} (docs/api.md, "Forking a run"): the first step that
 * runs live, the version to run (the source's when neither {@code version} nor {@code alias} names
 * one), and an optional JSON merge patch (RFC 7396) of the source's input. Range rules are checked
 * by the service, which answers 422 naming the field.
 */
@Schema(example = "{\"fromStep\": 3, \"version\": 2, \"inputPatch\": {\"priority\": \"high\"}}")
public record ForkRunRequest(
    @Schema(
            required = true,
            minimum = "1",
            description =
                "The first step that runs live; steps before it are taken from the source as"
                    + " recorded. Between 1 and the source's `steps` (1 is always allowed)")
        @NotNull
        Integer fromStep,
    @Schema(description = "A version of the source's agent; not with `alias`") @Positive
        Integer version,
    @Schema(description = "An alias of the source's agent naming the version; not with `version`")
        @Pattern(regexp = AliasService.NAME_REGEX)
        String alias,
    @Schema(description = "With `alias`: keeps the choice within the alias's split sticky")
        @Size(min = 1, max = 200)
        String routingKey,
    @Schema(
            ref = "JsonValue",
            description =
                "A JSON merge patch (RFC 7396) applied to the source's input; the result must be"
                    + " a JSON object")
        JsonNode inputPatch) {}
