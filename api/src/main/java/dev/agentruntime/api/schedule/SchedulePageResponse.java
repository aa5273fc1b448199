package dev.agentruntime.api.schedule;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the tenant's schedules, by name. */
public record SchedulePageResponse(
    List<ScheduleResponse> items,
    @Schema(
            nullable = true,
            description = "Pass as `cursor` for the next page; null on the last page")
        String nextCursor) {}
