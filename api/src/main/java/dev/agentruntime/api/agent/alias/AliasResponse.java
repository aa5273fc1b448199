package dev.agentruntime.api.agent.alias;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An alias of an agent as the API shows it. */
public record AliasResponse(
    UUID agentId,
    String name,
    @Schema(description = "The version runs take, or the rest of the runs with a canary")
        int version,
    @Schema(nullable = true, description = "The split's canary; null when there is none")
        AliasCanary canary,
    @Schema(
            minimum = "1",
            description =
                "Counts the alias's moves; its ETag. `If-Match` with it makes a move conditional")
        int revision,
    Instant updatedAt,
    @Schema(description = "The subject who last moved it") String updatedBy) {}
