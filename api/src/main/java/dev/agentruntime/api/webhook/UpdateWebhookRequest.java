package dev.agentruntime.api.webhook;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /v1/webhooks/{id}}: what is given changes, the rest stays. Enabling clears
 * the reason the sender disabled it for.
 */
@Schema(example = "{\"enabled\": true}")
public record UpdateWebhookRequest(
    @Size(min = 1, max = WebhookUrls.MAX_LENGTH) @Schema(pattern = WebhookUrls.PATTERN) String url,
    @Size(min = 1, max = 7) List<@NotNull String> eventTypes,
    Boolean enabled) {}
