package dev.agentruntime.api.schedule;

import dev.agentruntime.core.schedule.FiresMissed;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of a schedule's timeline. */
public record ScheduleEventResponse(
    @Schema(description = "Its place in the schedule's timeline, from 1") int seq,
    @Schema(enumeration = {"schedule.fires_missed"}) String type,
    @Schema(description = "When it was recorded") Instant createdAt,
    @Schema(description = "The typed payload of `schedule.fires_missed`") FiresMissed payload) {}
