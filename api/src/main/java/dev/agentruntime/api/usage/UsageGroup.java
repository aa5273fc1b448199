package dev.agentruntime.api.usage;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One group of a usage answer: its key and its totals. */
public record UsageGroup(
    @Schema(
            description =
                "The agent's name (groupBy=agent), `<provider>/<model>` or the provider alone when"
                    + " the spec names no model (groupBy=model), or the UTC day, YYYY-MM-DD"
                    + " (groupBy=day)")
        String key,
    UsageTotals totals) {}
