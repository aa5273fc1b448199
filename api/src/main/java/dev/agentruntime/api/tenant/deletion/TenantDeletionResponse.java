package dev.agentruntime.api.tenant.deletion;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The receipt of a tenant's deletion, kept after the tenant is gone. */
public record TenantDeletionResponse(
    UUID id,
    String tenantId,
    @Schema(
            enumeration = {"deleting", "deleted"},
            description = "deleting: under way (the tenant is suspended); deleted: nothing is left")
        String status,
    Instant requestedAt,
    @Schema(description = "The subject of the token that asked for it") String requestedBy,
    @Schema(nullable = true, description = "When the last of it was deleted; null while deleting")
        Instant finishedAt,
    @Schema(
            description =
                "What was deleted so far, by kind: rows per table (run, run_event, artifact,"
                    + " tenant_secret, tenant_data_key, ...), objects (in the object store),"
                    + " workflows and schedules (in Temporal)")
        Map<String, Long> deleted) {}
