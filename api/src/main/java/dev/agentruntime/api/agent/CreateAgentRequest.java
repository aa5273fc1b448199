package dev.agentruntime.api.agent;

import dev.agentruntime.core.spec.AgentReference;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.CodePointLength;

/** Body of {@code POST /v1/agents}; the name's rule is the one specs name agents by. */
public record CreateAgentRequest(
    @NotBlank
        @Pattern(
            regexp = AgentReference.NAME_REGEX,
            message =
                "must be 1 to 63 lower-case letters, digits or dashes, starting with a letter")
        String name,
    // Characters as PostgreSQL counts them (code points), not Java's UTF-16 units.
    @CodePointLength(max = 2000) @Schema(maxLength = 2000) String description) {}
