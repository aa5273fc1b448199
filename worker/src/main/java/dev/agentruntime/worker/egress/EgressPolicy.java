package dev.agentruntime.worker.egress;

import dev.agentruntime.core.tenant.TenantIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The platform's egress policy, set by the operator and read by every outbound connection the
 * worker makes on a tenant's behalf (model calls, HTTP agents, MCP servers, {@code http_request}).
 * Loopback, private, link-local (cloud metadata), CGNAT and the other ranges of {@link
 * BlockedAddresses}, plus the deployment's own networks, are refused unless a grant names the
 * destination for the tenant.
 *
 * <p>Settings: {@code agent-runtime.egress.grants} = {@code DESTINATION=TENANTS[;...]}, e.g. {@code
 * http://ollama:11434=*;http://10.0.0.5:*=acme,globex}; {@code
 * agent-runtime.egress.deployment-networks} = CIDRs, e.g. {@code 203.0.113.0/24}.
 */
public final class EgressPolicy {

  /** No grant and no extra network: only public addresses. */
  public static final EgressPolicy PUBLIC_ONLY = new EgressPolicy(List.of(), List.of());

  private final List<PlatformGrant> grants;
  private final List<BlockedAddresses.Range> deploymentNetworks;

  private EgressPolicy(
      List<PlatformGrant> grants, List<BlockedAddresses.Range> deploymentNetworks) {
    this.grants = List.copyOf(grants);
    this.deploymentNetworks = List.copyOf(deploymentNetworks);
  }

  /**
   * The policy the two settings state; blank settings mean none.
   *
   * @throws IllegalArgumentException naming the first malformed grant or network
   */
  public static EgressPolicy parse(String grants, List<String> deploymentNetworks) {
    List<PlatformGrant> parsed = new ArrayList<>();
    if (grants != null) {
      for (String grant : grants.split(";")) {
        if (grant.isBlank()) {
          continue;
        }
        int eq = grant.lastIndexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(
              "agent-runtime.egress.grants: '" + grant.strip() + "': expected DESTINATION=TENANTS");
        }
        parsed.add(
            PlatformGrant.parse(grant.substring(0, eq).strip(), tenants(grant.substring(eq + 1))));
      }
    }
    List<BlockedAddresses.Range> networks = new ArrayList<>();
    for (String cidr : deploymentNetworks == null ? List.<String>of() : deploymentNetworks) {
      if (!cidr.isBlank()) {
        networks.add(
            BlockedAddresses.Range.parse(cidr.strip(), "one of the deployment's own networks"));
      }
    }
    return new EgressPolicy(parsed, networks);
  }

  /** The policy as it applies to {@code tenantId}. */
  public TenantEgress forTenant(String tenantId) {
    return new TenantEgress(
        tenantId, grants.stream().filter(g -> g.appliesTo(tenantId)).toList(), deploymentNetworks);
  }

  private static Set<String> tenants(String text) {
    Set<String> tenants = new LinkedHashSet<>();
    for (String tenant : text.split(",")) {
      String id = tenant.strip();
      if (!id.equals(PlatformGrant.EVERY_TENANT) && !TenantIds.isValid(id)) {
        throw new IllegalArgumentException(
            "agent-runtime.egress.grants: '" + id + "' is neither * nor a tenant id");
      }
      tenants.add(id);
    }
    return tenants;
  }
}
