package dev.agentruntime.api.tenant;

import java.time.Instant;

/** A tenant as the API shows it. */
public record TenantResponse(String id, String displayName, Instant createdAt) {

  static TenantResponse of(TenantEntity tenant) {
    return new TenantResponse(tenant.id, tenant.displayName, tenant.createdAt);
  }
}
