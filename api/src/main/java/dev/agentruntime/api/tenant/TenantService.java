package dev.agentruntime.api.tenant;

import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.tenant.deletion.TenantDeletionRepository;
import dev.agentruntime.core.tenant.TenantIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Creates and reads tenants. */
@ApplicationScoped
public class TenantService {

  private final TenantRepository tenants;
  private final TenantDeletionRepository deletions;

  public TenantService(TenantRepository tenants, TenantDeletionRepository deletions) {
    this.tenants = tenants;
    this.deletions = deletions;
  }

  /**
   * @param actor who creates it, recorded as its author
   */
  @Transactional
  public TenantResponse create(CreateTenantRequest request, String actor) {
    if (tenants.exists(request.id())) {
      throw new AlreadyExists(
          "Tenant '" + request.id() + "' already exists", "/v1/tenants/" + request.id());
    }
    deletions
        .findByTenant(request.id())
        .ifPresent(
            deleted -> {
              // Its tombstone (V23): data, tokens and logs may still name the old tenant.
              throw new AlreadyExists(
                  "Tenant '" + request.id() + "' was deleted; its id cannot be used again",
                  "/v1/tenant-deletions/" + deleted.id());
            });
    TenantEntity tenant = new TenantEntity();
    tenant.id = request.id();
    tenant.displayName = request.displayName();
    tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    tenant.createdBy = actor;
    try {
      tenants.persistAndFlush(tenant);
    } catch (jakarta.persistence.PersistenceException e) {
      // A concurrent create of the same id won the race.
      throw new AlreadyExists("Tenant '" + request.id() + "' already exists", null);
    }
    return TenantResponse.of(tenant);
  }

  public List<TenantResponse> list() {
    return tenants.listAll(1000).stream().map(TenantResponse::of).toList();
  }

  public TenantResponse get(String tenantId) {
    if (!TenantIds.isValid(tenantId)) {
      // Not a tenant id at all: a malformed request, and never sent on to the database.
      throw new InvalidRequest(
          "Parameter 'id' must be a tenant id",
          List.of(new Violation("id", "must match " + TenantIds.REGEX)));
    }
    return tenants
        .findTenant(tenantId)
        .map(TenantResponse::of)
        .orElseThrow(() -> new NotFound("Tenant '" + tenantId + "'"));
  }
}
