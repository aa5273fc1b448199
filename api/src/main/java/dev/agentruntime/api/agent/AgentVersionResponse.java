package dev.agentruntime.api.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** An agent version as the API shows it. */
public record AgentVersionResponse(
    UUID id, UUID agentId, int version, String contentHash, JsonNode spec, Instant createdAt) {}
