package dev.agentruntime.worker.tool.http;

import dev.agentruntime.core.spec.EgressEntries;
import dev.agentruntime.core.spec.EgressEntries.Entry;
import dev.agentruntime.core.spec.EgressEntries.Kind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * One parsed {@code egressAllowlist} entry (syntax in {@link EgressEntries}): which scheme, host
 * and port it lets a request reach, and, for an IP literal, the address it names explicitly.
 */
public record EgressRule(Entry entry, InetAddress address) {

  /** The rule {@code raw} spells, or empty when it is not a valid entry. */
  public static Optional<EgressRule> parse(String raw) {
    return EgressEntries.parse(raw).map(e -> new EgressRule(e, literal(e)));
  }

  /** Whether the scheme is allowed: https always, plain http only with an {@code http://} rule. */
  boolean allowsScheme(String scheme) {
    return "https".equals(scheme) || ("http".equals(scheme) && entry.allowsHttp());
  }

  /** Whether {@code port} is allowed: the rule's port, or the scheme's default port. */
  boolean allowsPort(String scheme, int port) {
    return entry.port() != null ? entry.port() == port : port == defaultPort(scheme);
  }

  /**
   * Whether the rule names the URL host: the same host name, a subdomain of a wildcard's domain,
   * or, when the host is an address literal ({@code hostAddress} not null), the same address.
   */
  boolean matchesHost(String host, InetAddress hostAddress) {
    return switch (entry.kind()) {
      case HOST -> hostAddress == null && entry.host().equals(host);
      case WILDCARD -> hostAddress == null && host.endsWith("." + entry.host());
      case IPV4, IPV6 -> hostAddress != null && namesAddress(hostAddress);
    };
  }

  /** Whether this is an IP literal rule for {@code resolved}: an explicit exception to blocking. */
  boolean namesAddress(InetAddress resolved) {
    return address != null
        && BlockedAddresses.unmapped(address).equals(BlockedAddresses.unmapped(resolved));
  }

  static int defaultPort(String scheme) {
    return "http".equals(scheme) ? 80 : 443;
  }

  private static InetAddress literal(Entry entry) {
    if (entry.kind() != Kind.IPV4 && entry.kind() != Kind.IPV6) {
      return null;
    }
    try {
      // A validated literal: the JDK parses it without a DNS lookup.
      return InetAddress.getByName(entry.host());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("validated literal did not parse: " + entry.host(), e);
    }
  }
}
