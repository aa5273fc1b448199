package dev.agentruntime.worker.egress;

import dev.agentruntime.core.spec.EgressEntries;
import dev.agentruntime.core.spec.EgressEntries.Entry;
import java.net.InetAddress;
import java.util.Set;

/**
 * One destination the operator lets named tenants reach although the platform policy refuses its
 * addresses (loopback, private, link-local, the deployment's own networks): an internal Ollama
 * host, a company MCP server. Written as an {@code egressAllowlist} entry ({@link EgressEntries}),
 * plus {@code :*} for any port, which only an operator may write.
 *
 * @param anyPort whether every port of the destination is granted ({@code host:*})
 * @param tenants the tenant ids it is granted to; {@code *} for every tenant
 */
record PlatformGrant(Entry entry, boolean anyPort, Set<String> tenants) {

  static final String EVERY_TENANT = "*";

  /**
   * @throws IllegalArgumentException when {@code destination} is no valid entry
   */
  static PlatformGrant parse(String destination, Set<String> tenants) {
    boolean anyPort = destination.endsWith(":*");
    String entry = anyPort ? destination.substring(0, destination.length() - 2) : destination;
    return EgressEntries.parse(entry)
        .filter(e -> !anyPort || e.port() == null)
        .map(e -> new PlatformGrant(e, anyPort, Set.copyOf(tenants)))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "agent-runtime.egress.grants: '"
                        + destination
                        + "' is not a destination ([http://]host[:port|:*], *.domain or an"
                        + " address)"));
  }

  boolean appliesTo(String tenantId) {
    return tenants.contains(EVERY_TENANT) || tenants.contains(tenantId);
  }

  /**
   * Whether this grant covers a connection to {@code address} for a URL with this scheme, host and
   * port: the scheme and port must be granted, and the grant must name the URL's host (a host name
   * or wildcard grant) or the address itself (an address grant).
   *
   * @param hostIsLiteral whether the URL's host is an address literal (a name grant never covers
   *     one)
   */
  boolean covers(String scheme, String host, boolean hostIsLiteral, InetAddress address, int port) {
    if (!entry.allowsScheme(scheme) || !(anyPort || entry.allowsPort(scheme, port))) {
      return false;
    }
    InetAddress named = entry.address();
    if (named != null) {
      return hostIsLiteral
          && BlockedAddresses.unmapped(named).equals(BlockedAddresses.unmapped(address));
    }
    return !hostIsLiteral && entry.matchesHostName(host);
  }
}
