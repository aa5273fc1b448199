package dev.agentruntime.api.schedule;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a schedule's events, oldest first. */
public record ScheduleEventPageResponse(
    List<ScheduleEventResponse> items,
    @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last")
        String nextCursor) {}
