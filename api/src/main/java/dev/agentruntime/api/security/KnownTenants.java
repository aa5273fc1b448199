package dev.agentruntime.api.security;

import dev.agentruntime.api.tenant.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a tenant exists, a positive answer remembered for {@link #REMEMBER_NANOS}: most requests
 * are spared the lookup, and a deleted tenant's tokens are refused by every replica within that
 * time (a write in between fails on the tenant's foreign key, answered as the same 403). A negative
 * answer is not remembered (a tenant may be created at any time).
 */
@ApplicationScoped
public class KnownTenants {

  static final long REMEMBER_NANOS = 30_000_000_000L;

  /** Tenant id to the System.nanoTime() until which it is taken as existing. */
  private final Map<String, Long> known = new ConcurrentHashMap<>();

  private final TenantRepository tenants;

  public KnownTenants(TenantRepository tenants) {
    this.tenants = tenants;
  }

  public boolean exists(String tenantId) {
    long now = System.nanoTime();
    Long until = known.get(tenantId);
    if (until != null && now - until < 0) {
      return true;
    }
    boolean exists = tenants.exists(tenantId);
    if (exists) {
      known.put(tenantId, now + REMEMBER_NANOS);
    } else {
      known.remove(tenantId);
    }
    return exists;
  }
}
