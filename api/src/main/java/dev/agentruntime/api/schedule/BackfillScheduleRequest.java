package dev.agentruntime.api.schedule;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/schedules/{id}/backfill}: the range whose fire times are fired. */
@Schema(example = "{\"startAt\": \"2026-12-01T00:00:00Z\", \"endAt\": \"2026-12-01T06:00:00Z\"}")
public record BackfillScheduleRequest(
    @NotNull @Schema(description = "From this instant (inclusive)") Instant startAt,
    @NotNull @Schema(description = "To this instant; after startAt, by at most 31 days")
        Instant endAt) {}
