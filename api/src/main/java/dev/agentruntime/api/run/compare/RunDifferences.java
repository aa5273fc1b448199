package dev.agentruntime.api.run.compare;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What differs between two runs; every delta is the second run's figure minus the first's. */
public record RunDifferences(
    boolean sameAgent,
    @Schema(description = "Both runs are pinned to the same version of the same agent")
        boolean sameVersion,
    @Schema(description = "Both inputs are the same JSON (canonical comparison, RFC 8785)")
        boolean sameInput,
    @Schema(
            nullable = true,
            description =
                "Whether both answered the same; null when either has no output (not succeeded,"
                    + " or purged) or the object store did not serve one")
        Boolean outputEqual,
    @Schema(
            nullable = true,
            enumeration = {"bytes", "canonical-json"},
            description =
                "How `outputEqual` was told: identical bytes, or (JSON outputs up to 1 MiB) equal"
                    + " canonical JSON whatever the key order or spacing")
        String outputComparedBy,
    int steps,
    long totalTokens,
    long inputTokens,
    long outputTokens,
    @Schema(nullable = true, description = "Null unless both runs have finished")
        Long durationMillis,
    @Schema(nullable = true, description = "Null unless the price table prices both runs' models")
        BigDecimal cost,
    @Schema(description = "True when both runs have finished, so this comparison no longer changes")
        boolean settled) {}
