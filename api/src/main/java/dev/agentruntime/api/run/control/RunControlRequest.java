package dev.agentruntime.api.run.control;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of a control action: why it was taken, for the run's audit trail. */
@Schema(name = "RunControlRequest")
public record RunControlRequest(
    @Schema(description = "Why; recorded in the action's event", maxLength = 1000) @Size(max = 1000)
        String reason) {}
