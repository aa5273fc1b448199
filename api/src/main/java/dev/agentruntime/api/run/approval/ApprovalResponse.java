package dev.agentruntime.api.run.approval;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tool call that waits, or waited, for a person's decision. */
public record ApprovalResponse(
    String id,
    @Schema(
            description =
                "The run that waits: the run read, or a run below it in its tree; decide on"
                    + " POST /v1/runs/{runId}/approvals/{id}")
        UUID runId,
    @Schema(description = "The agent of the run that waits") UUID agentId,
    @Schema(description = "That agent's name") String agentName,
    int step,
    int callIndex,
    @Schema(nullable = true) String toolCallId,
    String toolName,
    @Schema(
            ref = "JsonValue",
            description =
                "The call's arguments, exactly as hashed: their canonical JSON (RFC 8785)")
        JsonNode arguments,
    @Schema(
            description =
                "SHA-256 (lowercase hex) of the canonical JSON of `arguments`; a decision must"
                    + " name it",
            pattern = "^[0-9a-f]{64}$")
        String argumentsSha256,
    @Schema(description = "Roles whose holders may decide") List<String> approverRoles,
    @Schema(enumeration = {"pending", "approved", "denied", "expired", "cancelled"}) String status,
    Instant requestedAt,
    Instant expiresAt,
    @Schema(nullable = true) String decidedBy,
    @Schema(nullable = true) Instant decidedAt,
    @Schema(nullable = true) String comment) {}
