package dev.agentruntime.api.tenant;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as the API shows it. */
public record TenantResponse(
    String id,
    String displayName,
    Instant createdAt,
    @Schema(description = "The subject of the token that created the tenant") String createdBy,
    @Schema(
            nullable = true,
            description = "When it was suspended (it starts no run); null while it is not")
        Instant suspendedAt,
    @Schema(nullable = true, description = "Who suspended it; null while it is not suspended")
        String suspendedBy,
    @Schema(nullable = true, description = "Why, as the suspension said; null if it said nothing")
        String suspensionReason) {

  static TenantResponse of(TenantEntity tenant) {
    return new TenantResponse(
        tenant.id,
        tenant.displayName,
        tenant.createdAt,
        tenant.createdBy,
        tenant.suspendedAt,
        tenant.suspendedBy,
        tenant.suspensionReason);
  }
}
