package dev.agentruntime.api.webhook;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of a redelivery: why, for the API's log beside who asked. */
@Schema(nullable = true, example = "{\"reason\": \"receiver fixed\"}")
public record RedeliverRequest(@Size(max = 500) String reason) {}
