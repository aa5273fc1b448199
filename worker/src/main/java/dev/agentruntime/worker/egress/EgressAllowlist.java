package dev.agentruntime.worker.egress;

import dev.agentruntime.core.spec.EgressEntries;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A tool's egress rules. Deny by default: an empty allowlist allows nothing, and a URL is allowed
 * only when one rule allows its scheme, host and port together. It only narrows what the platform
 * allows ({@link EgressGate}): an IP literal rule allows a URL with that address, and reaching a
 * refused address still takes the operator's grant.
 */
public final class EgressAllowlist {

  private final List<EgressRule> rules;

  private EgressAllowlist(List<EgressRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The allowlist of {@code entries}.
   *
   * @throws IllegalArgumentException naming every invalid entry (the spec validator should have
   *     refused them at publish time)
   */
  public static EgressAllowlist of(List<String> entries) {
    List<String> invalid = invalidEntries(entries);
    if (!invalid.isEmpty()) {
      throw new IllegalArgumentException("invalid egress allowlist entries: " + invalid);
    }
    return new EgressAllowlist(
        entries.stream().map(e -> EgressRule.parse(e).orElseThrow()).toList());
  }

  /** The entries that are not valid rules, in their order; empty when all are. */
  public static List<String> invalidEntries(List<String> entries) {
    return entries.stream().filter(e -> !EgressEntries.isValid(e)).toList();
  }

  public List<EgressRule> rules() {
    return rules;
  }

  /**
   * Why a URL's scheme, host and port are not allowed, or empty when a rule allows them.
   *
   * @param host the URL's host, lower case, an IPv6 literal without brackets
   * @param hostAddress the address when the host is an address literal, otherwise null
   */
  Optional<String> refusal(String scheme, String host, InetAddress hostAddress, int port) {
    List<EgressRule> forHost =
        rules.stream().filter(r -> r.matchesHost(host, hostAddress)).toList();
    if (forHost.isEmpty()) {
      return Optional.of("host " + host + " is not on this tool's egress allowlist");
    }
    List<EgressRule> forPort = forHost.stream().filter(r -> r.allowsPort(scheme, port)).toList();
    if (forPort.isEmpty()) {
      return Optional.of("port " + port + " is not allowed for host " + host);
    }
    if (forPort.stream().noneMatch(r -> r.allowsScheme(scheme))) {
      return Optional.of(
          "plain http to "
              + host
              + " is not allowed, only https (an allowlist entry http://"
              + host
              + " would allow it)");
    }
    return Optional.empty();
  }
}
