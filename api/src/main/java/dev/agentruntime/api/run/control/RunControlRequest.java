package dev.agentruntime.api.run.control;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.CodePointLength;

/** The optional body of a control action: why it was taken, for the run's audit trail. */
@Schema(nullable = true, name = "RunControlRequest")
public record RunControlRequest(
    @Schema(description = "Why; recorded in the action's event", maxLength = 1000)
        @CodePointLength(max = 1000)
        String reason) {}
