package dev.agentruntime.api.run.replay;

import dev.agentruntime.api.agent.alias.AliasService;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/runs/{runId}/replay}: which version of the source run's agent runs its
 * input again. At most one of {@code version} and {@code alias}; neither means the agent's latest
 * version, as in {@code POST /v1/runs}.
 */
@Schema(example = "{\"version\": 2}")
public record ReplayRunRequest(
    @Schema(description = "The version of the source run's agent to run; the latest when neither")
        @Positive
        Integer version,
    @Schema(
            description =
                "An alias of the source run's agent naming the version (instead of `version`); the"
                    + " new run records the version it resolved to")
        @Pattern(regexp = AliasService.NAME_REGEX)
        String alias,
    @Schema(
            description =
                "With `alias` only: keeps the choice within the alias's canary split sticky for"
                    + " this key")
        @Size(min = 1, max = 200)
        String routingKey) {}
