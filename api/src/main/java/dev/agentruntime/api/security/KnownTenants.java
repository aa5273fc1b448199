package dev.agentruntime.api.security;

import dev.agentruntime.api.tenant.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a tenant exists, remembered once seen: tenants are never deleted, so a positive answer
 * never goes stale, and every request is spared the lookup. A negative answer is not remembered (a
 * tenant may be created at any time).
 */
@ApplicationScoped
public class KnownTenants {

  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final TenantRepository tenants;

  public KnownTenants(TenantRepository tenants) {
    this.tenants = tenants;
  }

  public boolean exists(String tenantId) {
    if (known.contains(tenantId)) {
      return true;
    }
    boolean exists = tenants.exists(tenantId);
    if (exists) {
      known.add(tenantId);
    }
    return exists;
  }
}
