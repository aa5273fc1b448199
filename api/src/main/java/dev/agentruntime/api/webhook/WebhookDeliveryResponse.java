package dev.agentruntime.api.webhook;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One delivery of a webhook's log. */
public record WebhookDeliveryResponse(
    UUID id,
    @Schema(description = "The webhook-id header: the same on every attempt and redelivery")
        String messageId,
    UUID runId,
    @Schema(description = "The run event's seq") int seq,
    String type,
    @Schema(enumeration = {"pending", "delivered", "failed", "abandoned"}) String status,
    int attempts,
    @Schema(description = "When a pending delivery is tried next") Instant nextAttemptAt,
    @Schema(nullable = true, description = "The last attempt's HTTP status; null if none answered")
        Integer lastStatusCode,
    @Schema(nullable = true, description = "Why the last attempt failed; null if it did not")
        String lastError,
    @Schema(nullable = true, description = "The last attempt's time in milliseconds")
        Integer lastLatencyMs,
    Instant createdAt,
    @Schema(nullable = true, description = "When a 2xx answered it; null until then")
        Instant deliveredAt) {}
