package dev.agentruntime.api.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry of a run's timeline. Its payload is the JSON of the {@code type}'s record in core
 * ({@link dev.agentruntime.core.run.event.RunEventPayload}); the document describes it per type
 * ({@link dev.agentruntime.api.openapi.RunEventSchemasFilter}).
 */
public record RunEventResponse(
    int seq, String type, @Schema(ref = "JsonObject") JsonNode payload, Instant createdAt) {}
