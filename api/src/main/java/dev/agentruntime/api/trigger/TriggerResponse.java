package dev.agentruntime.api.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A trigger as the API shows it. {@code secret} is only in the answer to its creation or rotation:
 * it is stored sealed and never shown again.
 */
public record TriggerResponse(
    UUID id,
    String name,
    String agentName,
    @Schema(nullable = true, description = "The agent's version every run pins; null: its latest")
        Integer version,
    @Schema(enumeration = {"standard-webhooks", "github", "slack"}) String preset,
    @Schema(
            description =
                "JSON Pointer (RFC 6901) into a delivery's body that becomes the run's input; ''"
                    + " is the whole body. A value that is not an object is wrapped as"
                    + " {\"payload\": value}.")
        String inputPointer,
    boolean enabled,
    @Schema(description = "How far a signed timestamp may be from the API's clock, in seconds")
        int toleranceSeconds,
    @Schema(description = "The URL senders deliver to (POST, no bearer token)") String deliveryUrl,
    Instant createdAt,
    String createdBy,
    @Schema(
            nullable = true,
            description =
                "Until when the secret replaced by the last rotation still verifies deliveries;"
                    + " null: only the current secret does")
        Instant previousSecretValidUntil,
    @Schema(
            description =
                "The signing secret: only in the answer to createTrigger or rotateTriggerSecret, never"
                    + " again."
                    + " Standard Webhooks: whsec_ and base64; GitHub and Slack: 64 hex digits.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String secret) {

  /** This trigger's answer with its secret, once, at creation or rotation. */
  TriggerResponse withSecret(String value) {
    return new TriggerResponse(
        id,
        name,
        agentName,
        version,
        preset,
        inputPointer,
        enabled,
        toleranceSeconds,
        deliveryUrl,
        createdAt,
        createdBy,
        previousSecretValidUntil,
        value);
  }
}
