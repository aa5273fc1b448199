package dev.agentruntime.api.tenant.deletion;

import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.tenant.TenantService;
import dev.agentruntime.api.tenant.lifecycle.TenantLifecycleRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Asks for tenant deletions and reads their receipts. Asking commits the receipt (the id's
 * tombstone) and the tenant's suspension together: from then on no run of the tenant is admitted,
 * whatever its origin, and {@link TenantDeletionJob} deletes the rest.
 */
@ApplicationScoped
public class TenantDeletions {

  private final TenantService tenants;
  private final TenantLifecycleRepository lifecycle;
  private final TenantDeletionRepository deletions;

  public TenantDeletions(
      TenantService tenants,
      TenantLifecycleRepository lifecycle,
      TenantDeletionRepository deletions) {
    this.tenants = tenants;
    this.lifecycle = lifecycle;
    this.deletions = deletions;
  }

  /** Idempotent: asking again for a tenant being (or already) deleted answers its receipt. */
  public TenantDeletionResponse request(String tenantId, String actor) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                deletions
                    .findByTenant(tenantId)
                    .orElseGet(
                        () -> {
                          tenants.get(tenantId);
                          deletions.insert(UUID.randomUUID(), tenantId, actor);
                          lifecycle.suspend(tenantId, actor, "being deleted");
                          return deletions.findByTenant(tenantId).orElseThrow();
                        }));
  }

  public TenantDeletionResponse get(UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> deletions.find(id).orElseThrow(() -> new NotFound("Tenant deletion " + id)));
  }
}
