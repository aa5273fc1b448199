package dev.agentruntime.api.usage;

import dev.agentruntime.api.error.AccessDenied;
import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.KnownTenants;
import dev.agentruntime.api.security.Roles;
import dev.agentruntime.core.tenant.TenantIds;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers usage: whose (the caller's tenant; a platform-admin names any), summed from model_usage
 * and priced by the {@link PriceTable}.
 */
@RequestScoped
public class UsageService {

  private final UsageRepository usage;
  private final PriceTable prices;
  private final CurrentTenant tenant;
  private final KnownTenants tenants;
  private final SecurityIdentity identity;

  public UsageService(
      UsageRepository usage,
      PriceTable prices,
      CurrentTenant tenant,
      KnownTenants tenants,
      SecurityIdentity identity) {
    this.usage = usage;
    this.prices = prices;
    this.tenant = tenant;
    this.tenants = tenants;
    this.identity = identity;
  }

  public UsageResponse usage(String requestedTenant, UsageRange range, UsageGrouping grouping) {
    String tenantId = whose(requestedTenant);
    Map<String, UsageTotals> groups = new LinkedHashMap<>();
    for (UsageRepository.Sums sums : usage.sums(tenantId, range, grouping)) {
      UsageTotals part =
          new UsageTotals(
              sums.calls(),
              sums.inputTokens(),
              sums.outputTokens(),
              prices
                  .cost(sums.provider(), sums.model(), sums.inputTokens(), sums.outputTokens())
                  .orElse(null));
      groups.merge(sums.key(), part, UsageTotals::plus);
    }
    List<UsageGroup> answered = new ArrayList<>();
    UsageTotals total = UsageTotals.NONE;
    for (Map.Entry<String, UsageTotals> group : groups.entrySet()) {
      answered.add(new UsageGroup(group.getKey(), group.getValue()));
      total = total.plus(group.getValue());
    }
    return new UsageResponse(
        tenantId,
        range.from(),
        range.to(),
        grouping.wireName(),
        prices.currency(),
        total,
        answered);
  }

  /**
   * The tenant to answer for. A platform-admin names any existing one (404 when there is none
   * such); without one it reads its token's own tenant, and must name one when its token has none.
   * Anyone else reads their token's tenant and may name only that one: another is refused whether
   * it exists or not, so the answer tells nothing about other tenants.
   */
  private String whose(String requested) {
    if (requested != null && !TenantIds.isValid(requested)) {
      throw new InvalidParameter("tenant", "a tenant id (" + TenantIds.REGEX + ")");
    }
    boolean admin = identity.hasRole(Roles.PLATFORM_ADMIN);
    if (requested == null) {
      if (admin && !tenant.named()) {
        throw new InvalidParameter("tenant", "given: a platform-admin names the tenant");
      }
      return tenant.require();
    }
    if (admin) {
      if (!tenants.exists(requested)) {
        throw new NotFound("Tenant " + requested);
      }
      return requested;
    }
    if (!requested.equals(tenant.require())) {
      throw new AccessDenied("Only a platform-admin reads another tenant's usage");
    }
    return requested;
  }
}
