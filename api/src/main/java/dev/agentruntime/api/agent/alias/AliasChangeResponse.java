package dev.agentruntime.api.agent.alias;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One move of an alias: its history's entry. */
public record AliasChangeResponse(
    @Schema(minimum = "1", description = "The alias's revision this change made") int revision,
    @Schema(enumeration = {"created", "moved", "deleted"}) String action,
    @Schema(nullable = true, description = "Where it pointed after the change; null once deleted")
        Integer version,
    @Schema(nullable = true, description = "The canary after the change; null for none")
        AliasCanary canary,
    Instant changedAt,
    @Schema(description = "The subject who made the change") String changedBy) {}
