package dev.agentruntime.api.tenant.policy;

import dev.agentruntime.api.limits.AdmissionRates;
import dev.agentruntime.api.run.SlotWakeups;
import dev.agentruntime.api.tenant.TenantService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads and sets a tenant's policy. Setting it commits first and then wakes the runs that a raised
 * cap lets start, so they need not wait for their own poll.
 */
@ApplicationScoped
public class TenantPolicyService {

  private final TenantService tenants;
  private final TenantPolicyRepository policies;
  private final SlotWakeups wakeups;
  private final AdmissionRates rates;

  public TenantPolicyService(
      TenantService tenants,
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
              tenants.get(tenantId);
              return policies.find(tenantId, rates);
            });
  }

  public TenantPolicyResponse put(String tenantId, TenantPolicyRequest request, String actor) {
    TenantPolicyResponse policy =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  tenants.get(tenantId);
                  policies.put(tenantId, request, actor);
                  return policies.find(tenantId, rates);
                });
    wakeups.wake(tenantId);
    return policy;
  }
}
