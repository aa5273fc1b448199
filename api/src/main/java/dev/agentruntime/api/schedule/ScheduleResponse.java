package dev.agentruntime.api.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A schedule as the API shows it: its row, and Temporal's state of it when it was read. */
public record ScheduleResponse(
    UUID id,
    String name,
    String agentName,
    @Schema(nullable = true, description = "The version each fire pins; null: the agent's latest")
        Integer version,
    @Schema(ref = "JsonObject") JsonNode input,
    ScheduleTiming timing,
    @Schema(enumeration = {"skip", "buffer-one", "allow-all", "allow-up-to"}) String overlap,
    @Schema(nullable = true, description = "The cap of allow-up-to; null with any other overlap")
        Integer maxConcurrentRuns,
    int catchupWindowSeconds,
    boolean pauseOnFailure,
    @Schema(description = "Whether Temporal holds the schedule's latest change yet")
        boolean applied,
    @Schema(description = "Temporal's state; absent when Temporal was not asked or not reachable")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        State state,
    Instant createdAt,
    String createdBy) {

  /**
   * @param paused whether fires are held
   * @param note why it was paused or unpaused, as given
   * @param nextFireTimes the next nominal fire times Temporal computed
   * @param missedFires fires missed outside the catchup window since the schedule was created
   */
  @Schema(name = "ScheduleState")
  public record State(
      boolean paused,
      @Schema(nullable = true) String note,
      List<Instant> nextFireTimes,
      @Schema(description = "Fires started, by the timing, a trigger or a backfill") long fires,
      @Schema(
              description =
                  "Fires not started because they were found later than the catchup window"
                      + " (Temporal's count, since the schedule was created)")
          long missedFires) {}
}
