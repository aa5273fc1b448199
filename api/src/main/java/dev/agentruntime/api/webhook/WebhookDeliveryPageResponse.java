package dev.agentruntime.api.webhook;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a webhook's deliveries, newest first. */
public record WebhookDeliveryPageResponse(
    List<WebhookDeliveryResponse> items,
    @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last")
        String nextCursor) {}
