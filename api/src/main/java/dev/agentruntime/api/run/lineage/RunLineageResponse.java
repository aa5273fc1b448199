package dev.agentruntime.api.run.lineage;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run's lineage: the runs it came from, up to the first, and the runs that came from it. */
public record RunLineageResponse(
    UUID runId,
    @Schema(description = "The run itself") LineageRun run,
    @Schema(
            description =
                "Its source, its source's source and so on, nearest first; the last is the first"
                    + " run of the lineage. Empty for a new run")
        List<LineageRun> ancestors,
    @Schema(description = "True when the chain of sources was longer than the answer holds")
        boolean ancestorsTruncated,
    @Schema(
            description =
                "The runs forked or replayed directly from this one, oldest first; their own"
                    + " derived runs are not listed (see each one's `derivedRuns`)")
        List<LineageRun> derived,
    @Schema(description = "True when more runs were derived from it than the answer holds")
        boolean derivedTruncated) {}
