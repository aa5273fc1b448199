package dev.agentruntime.api.trigger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/triggers/{id}/rotate-secret}; optional. */
@Schema(nullable = true, example = "{\"overlapSeconds\": 3600}")
public record RotateTriggerSecretRequest(
    @Schema(
            description =
                "How long the secret being replaced keeps verifying deliveries, in seconds, while"
                    + " the sender is reconfigured; default 86400 (a day), at most 604800 (a week)."
                    + " 0 ends it at once, for a secret that leaked.")
        @Min(0)
        @Max(TriggerSecrets.MAX_OVERLAP_SECONDS)
        Integer overlapSeconds) {}
