package dev.agentruntime.api.secret;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PUT /v1/secrets/{name}}. The value's rules ({@code SecretValues}) are checked by
 * the service, not by bean validation, so that a value that breaks them is a 422 naming {@code
 * value} whose message never quotes it; the schema states the same rules for clients.
 */
public record PutSecretRequest(
    @Schema(
            required = true,
            description =
                "The secret, write-only: encrypted at once, never returned or logged. Printable"
                    + " ASCII (it is sent as an HTTP header value), inner spaces allowed, no space"
                    + " at either end.",
            minLength = 1,
            maxLength = 16384,
            pattern = "^[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?$")
        @NotNull
        String value) {

  /** Never the value: a record's default would print it wherever the request is logged. */
  @Override
  public String toString() {
    return "PutSecretRequest[value=(hidden)]";
  }
}
