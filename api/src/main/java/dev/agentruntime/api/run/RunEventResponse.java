package dev.agentruntime.api.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a run's timeline. */
public record RunEventResponse(
    int seq, String type, @Schema(ref = "JsonObject") JsonNode payload, Instant createdAt) {}
