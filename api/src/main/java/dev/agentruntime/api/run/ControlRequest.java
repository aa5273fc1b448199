package dev.agentruntime.api.run;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A cancel, pause or resume the API accepted and the run has not acted on yet, as the run's answer
 * shows it ({@code controlRequested}). Derived from the run's timeline, so it needs no state of its
 * own: the latest request event not yet followed by the workflow's {@code run.paused}, {@code
 * run.resumed} or the run's end.
 */
@Schema(
    description =
        "A control action accepted by the API that the run has not acted on yet: a pause until the"
            + " run holds at its next step boundary, a resume until it goes on, a cancel until it"
            + " ends")
public record ControlRequest(
    @Schema(enumeration = {"pause", "resume", "cancel"}) String action,
    @Schema(description = "When the API accepted it") Instant requestedAt,
    @Schema(description = "The subject of the token that asked") String requestedBy,
    @Schema(nullable = true, description = "The reason given; null when none was") String reason) {}
