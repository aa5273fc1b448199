package dev.agentruntime.api.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/agents}. */
public record CreateAgentRequest(
    @NotBlank
        @Pattern(
            regexp = "^[a-z][a-z0-9-]{0,62}$",
            message =
                "must be 1 to 63 lower-case letters, digits or dashes, starting with a letter")
        String name,
    @Size(max = 2000) String description) {}
