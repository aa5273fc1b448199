package dev.agentruntime.api.run.lineage;

import dev.agentruntime.api.run.RunSourceResponse;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run in a lineage: what it ran, how it stands, and where it came from. */
public record LineageRun(
    UUID runId,
    @Schema(description = "The version of the agent it is pinned to") int agentVersion,
    @Schema(nullable = true, description = "The alias it named instead of a version, if any")
        String alias,
    String status,
    Instant createdAt,
    @Schema(
            nullable = true,
            description =
                "The run it was forked or replayed from, with the kind and the fork step; null for"
                    + " the first run of the lineage")
        RunSourceResponse source,
    @Schema(
            description =
                "True once retention purged the run's data (or began to): the run still appears,"
                    + " with its status, but its timeline and output are gone")
        boolean purged,
    @Schema(
            minimum = "0",
            description =
                "How many runs were forked or replayed from this one; ask their lineage to walk"
                    + " further down")
        long derivedRuns) {}
