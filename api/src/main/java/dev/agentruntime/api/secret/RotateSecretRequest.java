package dev.agentruntime.api.secret;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Optional body of a signing secret's rotation ({@code POST /v1/triggers/{id}/rotate-secret},
 * {@code POST /v1/webhooks/{id}/rotate-secret}): how long the replaced secret goes on working.
 */
@Schema(nullable = true, example = "{\"overlapSeconds\": 3600}")
public record RotateSecretRequest(
    @Schema(
            description =
                "How long the replaced secret keeps working beside the new one, in seconds, while"
                    + " the other side is reconfigured; at most 604800 (a week); 0 ends it at once,"
                    + " for a secret that leaked. Default: a day for a trigger,"
                    + " agent-runtime.webhooks.rotation-overlap (24 h) for a webhook.")
        @Min(0)
        @Max(MAX_OVERLAP_SECONDS)
        Integer overlapSeconds) {

  /** The longest a replaced secret may keep working: a week. */
  public static final int MAX_OVERLAP_SECONDS = 604_800;
}
