package dev.agentruntime.api.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A run as the API shows it. */
public record RunResponse(
    UUID id,
    UUID agentId,
    String agentName,
    UUID agentVersionId,
    int agentVersion,
    String status,
    String statusReason,
    String workflowId,
    JsonNode input,
    int steps,
    long totalTokens,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
