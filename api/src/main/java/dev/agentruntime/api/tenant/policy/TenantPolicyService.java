package dev.agentruntime.api.tenant.policy;

import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.limits.AdmissionRates;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.tenant.TenantRepository;
import dev.agentruntime.core.tenant.TenantIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads and sets a tenant's policy. Setting it commits first and then wakes the runs that a raised
 * cap lets start, so they need not wait for their own poll.
 */
@ApplicationScoped
public class TenantPolicyService {

  /** The most waiting runs one policy change wakes; the others claim on their own poll. */
  private static final int WAKE_LIMIT = 100;

  private final TenantRepository tenants;
  private final TenantPolicyRepository policies;
  private final SlotWakeups wakeups;
  private final AdmissionRates rates;

  public TenantPolicyService(
      TenantRepository tenants,
      TenantPolicyRepository policies,
      SlotWakeups wakeups,
      AdmissionRates rates) {
    this.tenants = tenants;
    this.policies = policies;
    this.wakeups = wakeups;
    this.rates = rates;
  }

  public TenantPolicyResponse get(String tenantId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              requireTenant(tenantId);
              return policies.find(tenantId, rates);
            });
  }

  public TenantPolicyResponse put(String tenantId, TenantPolicyRequest request, String actor) {
    TenantPolicyResponse policy =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  requireTenant(tenantId);
                  policies.put(tenantId, request, actor);
                  return policies.find(tenantId, rates);
                });
    List<String> waiting =
        QuarkusTransaction.requiringNew().call(() -> policies.runsToWake(tenantId, WAKE_LIMIT));
    wakeups.wake(waiting);
    return policy;
  }

  private void requireTenant(String tenantId) {
    if (!TenantIds.isValid(tenantId)) {
      throw new InvalidRequest(
          "Parameter 'id' must be a tenant id",
          List.of(new Violation("id", "must match " + TenantIds.REGEX)));
    }
    if (!tenants.exists(tenantId)) {
      throw new NotFound("Tenant '" + tenantId + "'");
    }
  }
}
