package dev.agentruntime.api.tenant;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Tenants are the only rows not owned by a tenant; platform administrators manage them. */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, String> {

  public boolean exists(String tenantId) {
    return count("id", tenantId) > 0;
  }

  public Optional<TenantEntity> findTenant(String tenantId) {
    return findByIdOptional(tenantId);
  }

  public List<TenantEntity> listAll(int limit) {
    return find("order by id").page(0, limit).list();
  }
}
