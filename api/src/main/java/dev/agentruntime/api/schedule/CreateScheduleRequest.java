package dev.agentruntime.api.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What creates a schedule: its name, the run it starts at each fire, when, and its policies. */
public record CreateScheduleRequest(
    @NotNull @Pattern(regexp = ScheduleRepository.NAME_REGEX) String name,
    @NotNull @Size(min = 1, max = 63) String agentName,
    @Schema(description = "Pin this version; absent: each fire takes the agent's latest") @Positive
        Integer version,
    @NotNull
        @Schema(ref = "JsonObject", required = true, description = "The run's input at each fire")
        JsonNode input,
    @NotNull @Valid ScheduleTiming timing,
    @Schema(
            description =
                "While a run of the schedule is going: skip (default), buffer-one, allow-all,"
                    + " allow-up-to (with maxConcurrentRuns)",
            enumeration = {"skip", "buffer-one", "allow-all", "allow-up-to"})
        String overlap,
    @Schema(
            description =
                "With overlap allow-up-to (and only then): how many runs of the schedule"
                    + " hold a slot at once, 1 to 1000; fires beyond it wait queued, none is skipped")
        @Min(1)
        @Max(1000)
        Integer maxConcurrentRuns,
    @Schema(description = "How late a missed fire may still start, in seconds; default 60")
        @Min(10)
        @Max(31_536_000)
        Integer catchupWindowSeconds,
    @Schema(description = "Pause the schedule when a fire's run fails; default false")
        Boolean pauseOnFailure) {

  static final int DEFAULT_CATCHUP_WINDOW_SECONDS = 60;
}
