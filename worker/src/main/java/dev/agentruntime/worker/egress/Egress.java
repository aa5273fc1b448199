package dev.agentruntime.worker.egress;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * The one egress gate of the worker: every outbound connection made on a tenant's behalf gets its
 * client here, under the platform's {@link EgressPolicy} for that tenant. Two kinds of destination:
 *
 * <ul>
 *   <li>{@link #forTool}: a tool whose {@code egressAllowlist} names what it may reach ({@code
 *       http_request}, MCP servers); the allowlist narrows, the platform decides;
 *   <li>{@link #forSpecUrl}: a URL the spec names itself (a model's {@code baseUrl}, an HTTP
 *       agent's {@code endpoint}); the platform decides.
 * </ul>
 */
public final class Egress {

  private final EgressPolicy policy;
  private final HostResolver resolver;
  private final X509TrustManager trust;

  public Egress(EgressPolicy policy, HostResolver resolver) {
    this(policy, resolver, null);
  }

  /**
   * @param trust the certificates https trusts; null for the JDK's defaults (tests pass their own)
   */
  public Egress(EgressPolicy policy, HostResolver resolver, X509TrustManager trust) {
    this.policy = Objects.requireNonNull(policy);
    this.resolver = Objects.requireNonNull(resolver);
    this.trust = trust;
  }

  public EgressGate toolGate(String tenantId, List<String> egressAllowlist) {
    return EgressGate.allowlisted(
        EgressAllowlist.of(egressAllowlist), policy.forTenant(tenantId), resolver);
  }

  public EgressGate specUrlGate(String tenantId) {
    return EgressGate.specUrl(policy.forTenant(tenantId), resolver);
  }

  public EgressClient forTool(String tenantId, List<String> egressAllowlist, EgressLimits limits) {
    return new EgressClient(toolGate(tenantId, egressAllowlist), limits, trust);
  }

  public EgressClient forSpecUrl(String tenantId, EgressLimits limits) {
    return new EgressClient(specUrlGate(tenantId), limits, trust);
  }
}
