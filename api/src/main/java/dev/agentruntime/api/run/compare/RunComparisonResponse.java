package dev.agentruntime.api.run.compare;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Two runs of a tenant side by side, and what differs between them. */
public record RunComparisonResponse(
    @Schema(description = "The first run (the path's runId)") ComparedRun a,
    @Schema(description = "The second run (the path's otherRunId)") ComparedRun b,
    RunDifferences differences,
    @Schema(description = "The currency of the costs, as GET /v1/usage answers them")
        String currency,
    @Schema(
            description =
                "Step by step, by step number: each run's model call (or agent turn) and tool"
                    + " calls, as their timelines recorded them")
        List<StepComparison> steps,
    @Schema(
            description =
                "True when a run had more steps than the answer holds; the first ones are listed")
        boolean stepsTruncated) {}
