package dev.agentruntime.api.retention;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run's legal hold: while it is set, the run and its tree's runs are never purged. */
public record RunHoldResponse(
    UUID runId,
    @Schema(description = "When the hold was set (a repeated PUT keeps the first)") Instant heldAt,
    @Schema(description = "The subject of the token that set it") String heldBy) {}
