package dev.agentruntime.api.tenant;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as the API shows it. */
public record TenantResponse(
    String id,
    String displayName,
    Instant createdAt,
    @Schema(description = "The subject of the token that created the tenant") String createdBy) {

  static TenantResponse of(TenantEntity tenant) {
    return new TenantResponse(tenant.id, tenant.displayName, tenant.createdAt, tenant.createdBy);
  }
}
