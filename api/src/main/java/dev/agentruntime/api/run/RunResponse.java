package dev.agentruntime.api.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run as the API shows it. */
public record RunResponse(
    UUID id,
    UUID agentId,
    String agentName,
    UUID agentVersionId,
    int agentVersion,
    String status,
    @Schema(nullable = true, description = "Why the run ended as it did; null until then")
        String statusReason,
    String workflowId,
    @Schema(ref = "JsonObject") JsonNode input,
    int steps,
    long totalTokens,
    Instant createdAt,
    @Schema(nullable = true) Instant startedAt,
    @Schema(nullable = true) Instant finishedAt) {}
