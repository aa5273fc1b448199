package dev.agentruntime.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A webhook as the API shows it. {@code secret} is only in the answers to its creation and to a
 * rotation: it is stored sealed and never shown again.
 */
public record WebhookResponse(
    UUID id,
    String name,
    String url,
    List<String> eventTypes,
    boolean enabled,
    @Schema(
            nullable = true,
            description =
                "Why the sender disabled it (the endpoint answered 410 Gone); null otherwise")
        String disabledReason,
    @Schema(
            nullable = true,
            description =
                "Until when the secret before the last rotation still signs, beside the current"
                    + " one; null when no rotation overlaps")
        Instant previousSecretExpiresAt,
    Instant createdAt,
    String createdBy,
    @Schema(
            description =
                "The signing secret (whsec_ and base64): only in the answers to createWebhook and"
                    + " rotateWebhookSecret, never again")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String secret) {

  WebhookResponse withSecret(String value) {
    return new WebhookResponse(
        id,
        name,
        url,
        eventTypes,
        enabled,
        disabledReason,
        previousSecretExpiresAt,
        createdAt,
        createdBy,
        value);
  }
}
