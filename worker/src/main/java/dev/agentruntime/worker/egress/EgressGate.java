package dev.agentruntime.worker.egress;

import dev.agentruntime.core.spec.EgressEntries;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * The egress check of one hop, before anything is sent, in two layers:
 *
 * <ol>
 *   <li>the tenant's own rules, when there are any: a tool's {@code egressAllowlist} must allow the
 *       URL's scheme, host and port. A spec's list can only narrow: an IP literal in it names a URL
 *       it allows, and unlocks nothing the platform refuses;
 *   <li>the platform's ({@link TenantEgress}): the host is resolved once and every address checked;
 *       a loopback, private, link-local, CGNAT or deployment address passes only when the operator
 *       granted that destination to the run's tenant.
 * </ol>
 *
 * {@link EgressClient} runs it for every hop and connects only to the addresses it answers.
 */
public final class EgressGate {

  /** The addresses a hop may connect to, and whether reaching them needed an operator's grant. */
  public record Destination(List<InetAddress> addresses, boolean internal) {}

  private final EgressAllowlist narrowing;
  private final TenantEgress platform;
  private final HostResolver resolver;

  private EgressGate(EgressAllowlist narrowing, TenantEgress platform, HostResolver resolver) {
    this.narrowing = narrowing;
    this.platform = Objects.requireNonNull(platform);
    this.resolver = Objects.requireNonNull(resolver);
  }

  /**
   * For a tool whose {@code egressAllowlist} names what it may reach, under the platform's policy.
   */
  public static EgressGate allowlisted(
      EgressAllowlist allowlist, TenantEgress platform, HostResolver resolver) {
    return new EgressGate(Objects.requireNonNull(allowlist), platform, resolver);
  }

  /**
   * For a URL the spec names itself (a model's base URL, an HTTP agent's endpoint): the platform's
   * policy alone decides.
   */
  public static EgressGate specUrl(TenantEgress platform, HostResolver resolver) {
    return new EgressGate(null, platform, resolver);
  }

  public TenantEgress platform() {
    return platform;
  }

  /**
   * Checks {@code url} as the first hop of a request.
   *
   * @throws EgressRefused when a rule refuses it, or it is no http(s) URL or carries user info
   * @throws EgressFailed when its host has no address
   */
  public Destination check(URI url) throws EgressException {
    return check(EgressRequests.httpUrl(url == null ? null : url.toString(), ""), "");
  }

  Destination check(HttpUrl url, String hop) throws EgressException {
    String host = url.host();
    InetAddress literal = addressLiteral(host);
    if (narrowing != null) {
      var refusal = narrowing.refusal(url.scheme(), host, literal, url.port());
      if (refusal.isPresent()) {
        throw new EgressRefused(hop + refusal.get());
      }
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
    boolean internal = false;
    for (InetAddress address : addresses) {
      var refused = platform.refusal(address);
      if (refused.isEmpty()) {
        continue;
      }
      if (!platform.granted(url.scheme(), host, literal != null, address, url.port())) {
        throw new EgressRefused(
            hop
                + address.getHostAddress()
                + " ("
                + refused.get()
                + ") is not allowed for host "
                + host
                + ": the platform refuses it unless the operator grants it to the tenant");
      }
      internal = true;
    }
    return new Destination(addresses, internal);
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
