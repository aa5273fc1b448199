package dev.agentruntime.api.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /v1/schedules/{id}}: what is given replaces what the schedule has, the rest
 * stays. A timing is replaced whole (its fields depend on each other: cron or interval).
 */
@Schema(example = "{\"timing\": {\"interval\": \"PT1H\"}, \"overlap\": \"buffer-one\"}")
public record UpdateScheduleRequest(
    @Schema(description = "Pin this version from the next fire on") @Positive Integer version,
    @Schema(ref = "JsonObject", description = "The run's input from the next fire on")
        JsonNode input,
    @Valid ScheduleTiming timing,
    @Schema(
            description =
                "While a run of the schedule is going: skip, buffer-one, allow-all, allow-up-to"
                    + " (with maxConcurrentRuns, or the one the schedule has)",
            enumeration = {"skip", "buffer-one", "allow-all", "allow-up-to"})
        String overlap,
    @Schema(
            description =
                "With overlap allow-up-to (and only then): how many runs of the schedule"
                    + " hold a slot at once, 1 to 1000; fires beyond it wait queued, none is skipped")
        @Min(1)
        @Max(1000)
        Integer maxConcurrentRuns,
    @Schema(description = "How late a missed fire may still start, in seconds")
        @Min(10)
        @Max(31_536_000)
        Integer catchupWindowSeconds,
    @Schema(description = "Pause the schedule when a fire's run fails") Boolean pauseOnFailure) {}
