package dev.agentruntime.api.usage;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's model usage over a time range, in total and by group. */
public record UsageResponse(
    String tenant,
    @Schema(description = "The range's start, inclusive") Instant from,
    @Schema(description = "The range's end, exclusive") Instant to,
    @Schema(enumeration = {"agent", "model", "day"}) String groupBy,
    @Schema(description = "The currency of every cost (ISO 4217)") String currency,
    UsageTotals total,
    @Schema(description = "Ordered by key; a group with no calls is not listed")
        List<UsageGroup> groups) {}
