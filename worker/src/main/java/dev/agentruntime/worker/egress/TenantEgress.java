package dev.agentruntime.worker.egress;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The platform's egress policy as it applies to one tenant: which addresses the platform refuses,
 * and the operator's grants that let this tenant reach some of them anyway. Nothing a tenant writes
 * changes it: a spec's own allowlist can only narrow what this allows.
 */
public final class TenantEgress {

  private final String tenantId;
  private final List<PlatformGrant> grants;
  private final List<BlockedAddresses.Range> deploymentNetworks;

  TenantEgress(
      String tenantId,
      List<PlatformGrant> grants,
      List<BlockedAddresses.Range> deploymentNetworks) {
    this.tenantId = tenantId;
    this.grants = List.copyOf(grants);
    this.deploymentNetworks = List.copyOf(deploymentNetworks);
  }

  /** The default policy with no grant: every non-public address refused. For tests and tools. */
  public static TenantEgress publicOnly(String tenantId) {
    return new TenantEgress(tenantId, List.of(), List.of());
  }

  public String tenantId() {
    return tenantId;
  }

  /** Why the platform refuses {@code address}, or empty when it is a public address. */
  Optional<String> refusal(InetAddress address) {
    return BlockedAddresses.reason(address, deploymentNetworks);
  }

  /** Whether an operator's grant lets this tenant reach a refused {@code address} for this URL. */
  boolean granted(
      String scheme, String host, boolean hostIsLiteral, InetAddress address, int port) {
    return grants.stream().anyMatch(g -> g.covers(scheme, host, hostIsLiteral, address, port));
  }
}
