package dev.agentruntime.api.run;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a run came from when it is not new: the run it was forked or replayed from (V25). The
 * source is named by id even after its data was purged: lineage outlives retention.
 */
@Schema(
    description =
        "The run this one was forked or replayed from (docs/api.md#replaying-a-run,"
            + " #forking-a-run)")
public record RunSourceResponse(
    UUID runId,
    @Schema(
            enumeration = {"fork", "replay"},
            description =
                "fork: the steps before `forkStep` were taken from the source; replay: the"
                    + " source's input, run anew")
        String kind,
    @Schema(
            nullable = true,
            minimum = "1",
            description = "For a fork, the first step that ran live; null for a replay")
        Integer forkStep) {

  /** The source of a run as stored, or null for a run that has none. */
  public static RunSourceResponse of(UUID runId, String kind, Integer forkStep) {
    return runId == null ? null : new RunSourceResponse(runId, kind, forkStep);
  }
}
