package dev.agentruntime.worker.egress;

import dev.agentruntime.core.spec.EgressEntries;
import dev.agentruntime.core.spec.EgressEntries.Entry;
import java.net.InetAddress;
import java.util.Optional;

/**
 * One parsed {@code egressAllowlist} entry (syntax in {@link EgressEntries}): which scheme, host
 * and port it lets a request reach, and, for an IP literal, the address it names.
 */
public record EgressRule(Entry entry, InetAddress address) {

  /** The rule {@code raw} spells, or empty when it is not a valid entry. */
  public static Optional<EgressRule> parse(String raw) {
    return EgressEntries.parse(raw).map(e -> new EgressRule(e, e.address()));
  }

  /** Whether the scheme is allowed: https always, plain http only with an {@code http://} rule. */
  boolean allowsScheme(String scheme) {
    return entry.allowsScheme(scheme);
  }

  /** Whether {@code port} is allowed: the rule's port, or the scheme's default port. */
  boolean allowsPort(String scheme, int port) {
    return entry.allowsPort(scheme, port);
  }

  /**
   * Whether the rule names the URL host: the same host name, a subdomain of a wildcard's domain,
   * or, when the host is an address literal ({@code hostAddress} not null), the same address.
   */
  boolean matchesHost(String host, InetAddress hostAddress) {
    return switch (entry.kind()) {
      case HOST, WILDCARD -> hostAddress == null && entry.matchesHostName(host);
      case IPV4, IPV6 -> hostAddress != null && namesAddress(hostAddress);
    };
  }

  /** Whether this is an IP literal rule for {@code resolved}. */
  boolean namesAddress(InetAddress resolved) {
    return address != null
        && BlockedAddresses.unmapped(address).equals(BlockedAddresses.unmapped(resolved));
  }
}
