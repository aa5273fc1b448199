package dev.agentruntime.api.webhook;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/webhooks}. */
@Schema(
    example =
        "{\"name\": \"ops-alerts\", \"url\": \"https://hooks.example.com/agent-runtime\","
            + " \"eventTypes\": [\"run.failed\", \"run.waiting_for_approval\"]}")
public record CreateWebhookRequest(
    @NotNull @Pattern(regexp = WebhookService.NAME_REGEX) String name,
    @NotNull
        @Size(min = 1, max = WebhookUrls.MAX_LENGTH)
        @Schema(
            description = "http or https, with a host and without user info or fragment",
            pattern = WebhookUrls.PATTERN)
        String url,
    @NotNull
        @Size(min = 1, max = 7)
        @Schema(description = "The event types to send; see docs/api.md#webhooks")
        List<@NotNull String> eventTypes,
    @Schema(description = "Default true") Boolean enabled) {}
