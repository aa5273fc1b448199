package dev.agentruntime.api.agent;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/agents/{agentId}/versions}. The spec stays a JSON tree here: it is read
 * by core's strict spec reader, so its mistakes are reported as spec violations (422).
 */
public record PublishVersionRequest(
    @Schema(ref = "AgentSpec", required = true) @NotNull JsonNode spec) {}
