package dev.agentruntime.api.schedule;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.CodePointLength;

/** The optional body of pause and unpause: why, kept by Temporal as the schedule's note. */
@Schema(nullable = true)
public record ScheduleNoteRequest(
    @Schema(description = "Why; shown as the schedule's `state.note`", maxLength = 1000)
        @CodePointLength(max = 1000)
        String note) {}
