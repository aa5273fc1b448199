package dev.agentruntime.worker.tool.http;

import dev.agentruntime.core.spec.EgressEntries;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * The egress check of one hop, before anything is sent: the URL's scheme, host and port against the
 * {@link EgressAllowlist}, then one lookup of the host and every address against {@link
 * BlockedAddresses} (a blocked address passes only when an IP-literal rule names it). {@link
 * EgressClient} runs it for every hop and connects to the addresses it answers; clients that do
 * their own connecting (the MCP transport) run it before they connect.
 */
public final class EgressGate {

  private final EgressAllowlist allowlist;
  private final HostResolver resolver;

  public EgressGate(EgressAllowlist allowlist, HostResolver resolver) {
    this.allowlist = allowlist;
    this.resolver = resolver;
  }

  /**
   * Checks {@code url} as the first hop of a request.
   *
   * @return the checked addresses of its host
   * @throws EgressRefused when a rule refuses it, or it is no http(s) URL or carries user info
   * @throws EgressFailed when its host has no address
   */
  public List<InetAddress> check(URI url) throws EgressException {
    return check(EgressRequests.httpUrl(url == null ? null : url.toString(), ""), "");
  }

  List<InetAddress> check(HttpUrl url, String hop) throws EgressException {
    String host = url.host();
    InetAddress literal = addressLiteral(host);
    var refusal = allowlist.refusal(url.scheme(), host, literal, url.port());
    if (refusal.isPresent()) {
      throw new EgressRefused(hop + refusal.get());
    }
    List<InetAddress> addresses;
    if (literal != null) {
      addresses = List.of(literal);
    } else {
      try {
        addresses = List.copyOf(resolver.resolve(host));
      } catch (UnknownHostException e) {
        throw new EgressFailed(hop + "host " + host + " has no address", e);
      }
      if (addresses.isEmpty()) {
        throw new EgressFailed(hop + "host " + host + " has no address", null);
      }
    }
    for (InetAddress address : addresses) {
      var blocked = BlockedAddresses.reason(address);
      if (blocked.isPresent() && !allowlist.namesAddress(url.scheme(), address, url.port())) {
        throw new EgressRefused(
            hop
                + address.getHostAddress()
                + " ("
                + blocked.get()
                + ") is not allowed for host "
                + host);
      }
    }
    return addresses;
  }

  /** The address an IP-literal host names, or null for a host name (never a DNS lookup). */
  private static InetAddress addressLiteral(String host) {
    if (!host.contains(":") && !EgressEntries.isIpv4Literal(host)) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
