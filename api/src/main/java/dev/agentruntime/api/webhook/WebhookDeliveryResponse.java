package dev.agentruntime.api.webhook;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One delivery of a webhook's log: of a run's event, or of a schedule's. */
public record WebhookDeliveryResponse(
    UUID id,
    @Schema(description = "The webhook-id header: the same on every attempt and redelivery")
        String messageId,
    @Schema(nullable = true, description = "The run whose event it reports; null for a schedule's")
        UUID runId,
    @Schema(nullable = true, description = "The schedule whose event it reports; null for a run's")
        UUID scheduleId,
    @Schema(description = "The event's seq in its run's or its schedule's timeline") int seq,
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
