package dev.agentruntime.api.run.compare;

import dev.agentruntime.api.run.RunOutput;
import dev.agentruntime.api.run.RunSourceResponse;
import dev.agentruntime.api.usage.UsageTotals;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One side of a comparison: a run as it stands. */
public record ComparedRun(
    UUID runId,
    UUID agentId,
    String agentName,
    int agentVersion,
    @Schema(nullable = true, description = "The alias it named instead of a version, if any")
        String alias,
    @Schema(nullable = true, description = "The run it was forked or replayed from, if any")
        RunSourceResponse source,
    String status,
    @Schema(nullable = true) String statusReason,
    @Schema(
            description =
                "Whether the run has ended; an unfinished run is compared as far as it got, and"
                    + " its figures may still grow")
        boolean finished,
    @Schema(
            description =
                "True once retention purged its data: its steps and output are gone, its figures"
                    + " stay")
        boolean purged,
    @Schema(nullable = true, description = "Its answer, as GET /v1/runs/{runId} shows it")
        RunOutput output,
    @Schema(minimum = "0") int steps,
    @Schema(minimum = "0", description = "Every token it spent (model calls and agent turns)")
        long totalTokens,
    @Schema(description = "Its model calls from the usage records, split by kind, and their cost")
        UsageTotals usage,
    @Schema(nullable = true) Instant startedAt,
    @Schema(nullable = true) Instant finishedAt,
    @Schema(
            nullable = true,
            minimum = "0",
            description = "From start to finish in milliseconds; null until it has finished")
        Long durationMillis) {}
