package dev.agentruntime.api.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of {@code POST /v1/webhooks/{id}/rotate-secret}. */
@Schema(nullable = true, example = "{\"overlapSeconds\": 3600}")
public record RotateWebhookSecretRequest(
    @Schema(
            description =
                "How long the old secret still signs (beside the new one); default"
                    + " agent-runtime.webhooks.rotation-overlap (24 h). 0 ends it at once.")
        @Min(0)
        @Max(604800)
        Integer overlapSeconds) {}
