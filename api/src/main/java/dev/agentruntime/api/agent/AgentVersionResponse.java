package dev.agentruntime.api.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent version as the API shows it. */
public record AgentVersionResponse(
    UUID id,
    UUID agentId,
    int version,
    String contentHash,
    @Schema(ref = "AgentSpec") JsonNode spec,
    Instant createdAt,
    @Schema(description = "The subject of the token that published the version")
        String createdBy) {}
