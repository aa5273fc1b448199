package dev.agentruntime.core.spec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of one {@code egressAllowlist} entry, shared by the spec validator and the worker's
 * egress client so that what publishes is exactly what runs.
 *
 * <p>An entry is {@code [http://|https://]target[:port]} where target is one of:
 *
 * <ul>
 *   <li>a DNS host name ({@code api.example.com}): that host only;
 *   <li>{@code *.domain} ({@code *.example.com}): any subdomain at any depth, never the apex; the
 *       domain needs at least two labels so {@code *.com} is not a rule;
 *   <li>a dotted-quad IPv4 literal ({@code 203.0.113.7}) or a bracketed IPv6 literal ({@code
 *       [2001:db8::1]}): that address, named explicitly, which is what lets a blocked address
 *       (private, loopback...) be contacted at all.
 * </ul>
 *
 * <p>Without a prefix or with {@code https://} only https is allowed; {@code http://} allows plain
 * http as well. Without a port only the scheme's default port (443, or 80 for plain http) matches.
 * Host names are ASCII (write an IDN in its punycode form) and compared case-insensitively.
 *
 * <p>Invariants of a parsed {@link Entry}: {@code host} is lower case, without brackets or wildcard
 * prefix; {@code port} is null or 1..65535. Parsing never touches the network.
 */
public final class EgressEntries {

  /** What an entry's target names. */
  public enum Kind {
    HOST,
    WILDCARD,
    IPV4,
    IPV6
  }

  /**
   * A parsed entry.
   *
   * @param allowsHttp whether plain http is allowed (the entry had an {@code http://} prefix)
   * @param kind what {@code host} names
   * @param host the host name, the wildcard's domain (without {@code *.}), or the address literal
   * @param port the only port allowed, or null for the scheme's default port
   */
  public record Entry(boolean allowsHttp, Kind kind, String host, Integer port) {

    /** Whether the scheme is allowed: https always, plain http only with an http:// entry. */
    public boolean allowsScheme(String scheme) {
      return "https".equals(scheme) || ("http".equals(scheme) && allowsHttp);
    }

    /** Whether {@code port} is allowed: the entry's port, or the scheme's default port. */
    public boolean allowsPort(String scheme, int port) {
      return this.port != null ? this.port == port : port == defaultPort(scheme);
    }

    /**
     * Whether the entry names the host name {@code host} (lower case, not an address literal): the
     * same name, or a subdomain of a wildcard's domain. An address entry never names a host name.
     */
    public boolean matchesHostName(String host) {
      return switch (kind) {
        case HOST -> host.equals(this.host);
        case WILDCARD -> host.endsWith("." + this.host);
        case IPV4, IPV6 -> false;
      };
    }

    /** The address an IPv4 or IPv6 entry names (parsed without DNS), or null for a host entry. */
    public InetAddress address() {
      if (kind != Kind.IPV4 && kind != Kind.IPV6) {
        return null;
      }
      try {
        return InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("validated literal did not parse: " + host, e);
      }
    }
  }

  /** 443 for https, 80 for http. */
  public static int defaultPort(String scheme) {
    return "http".equals(scheme) ? 80 : 443;
  }

  /**
   * Whether one of {@code entries} allows the scheme, host and port of {@code url}, by the rules
   * the worker's egress client applies before it resolves anything (a static check: whether the
   * host's addresses are blocked is only known at run time). Invalid entries allow nothing.
   */
  public static boolean allowsUrl(List<String> entries, URI url) {
    String scheme = url.getScheme();
    String host = url.getHost();
    if (scheme == null || host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = url.getPort() == -1 ? defaultPort(scheme) : url.getPort();
    InetAddress literal = null;
    if (isIpv4Literal(host) || (host.contains(":") && ipv6(host))) {
      try {
        literal = InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        return false;
      }
    } else if (!isHostName(host)) {
      return false;
    }
    for (String raw : entries) {
      Optional<Entry> parsed = parse(raw);
      if (parsed.isEmpty()) {
        continue;
      }
      Entry entry = parsed.get();
      boolean hostMatches =
          literal == null ? entry.matchesHostName(host) : literal.equals(entry.address());
      if (hostMatches && entry.allowsPort(scheme, port) && entry.allowsScheme(scheme)) {
        return true;
      }
    }
    return false;
  }

  private static final int MAX_ENTRY_CHARS = 300;
  private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("^[0-9.]+$");
  private static final Pattern OCTET = Pattern.compile("^(0|[1-9][0-9]{0,2})$");
  private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-f:.]+$");
  private static final Pattern PORT = Pattern.compile("^[1-9][0-9]{0,4}$");

  private EgressEntries() {}

  /** Whether {@code raw} is a valid entry. */
  public static boolean isValid(String raw) {
    return parse(raw).isPresent();
  }

  /** The entry {@code raw} spells, or empty when it is not one. */
  public static Optional<Entry> parse(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_ENTRY_CHARS) {
      return Optional.empty();
    }
    String rest = raw.toLowerCase(Locale.ROOT);
    boolean allowsHttp = false;
    if (rest.startsWith("http://")) {
      allowsHttp = true;
      rest = rest.substring("http://".length());
    } else if (rest.startsWith("https://")) {
      rest = rest.substring("https://".length());
    }
    String target = rest;
    Integer port = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      target = rest.substring(0, close + 1);
      String after = rest.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":") || (port = port(after.substring(1))) == null) {
          return Optional.empty();
        }
      }
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon >= 0) {
        target = rest.substring(0, colon);
        if ((port = port(rest.substring(colon + 1))) == null) {
          return Optional.empty();
        }
      }
    }
    boolean http = allowsHttp;
    Integer onlyPort = port;
    return target(target).map(t -> new Entry(http, t.kind(), t.host(), onlyPort));
  }

  /** Whether {@code host} is a DNS host name as entries accept it (lower or upper case). */
  public static boolean isHostName(String host) {
    if (host == null || host.isEmpty() || host.length() > 253) {
      return false;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    // An all-numeric name is what resolvers read as an IPv4 address (even "2130706433" or
    // "127.1"), so it is either a dotted quad or nothing.
    if (DIGITS_AND_DOTS.matcher(lower).matches()) {
      return false;
    }
    for (String label : lower.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} is a canonical dotted-quad IPv4 literal (no leading zeros: no octal). */
  public static boolean isIpv4Literal(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (!OCTET.matcher(part).matches() || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Entry> target(String target) {
    if (target.startsWith("[") && target.endsWith("]")) {
      String literal = target.substring(1, target.length() - 1);
      return ipv6(literal) ? Optional.of(new Entry(false, Kind.IPV6, literal, null)) : none();
    }
    if (target.startsWith("*.")) {
      String domain = target.substring(2);
      return isHostName(domain) && domain.contains(".")
          ? Optional.of(new Entry(false, Kind.WILDCARD, domain, null))
          : none();
    }
    if (isIpv4Literal(target)) {
      return Optional.of(new Entry(false, Kind.IPV4, target, null));
    }
    return isHostName(target) ? Optional.of(new Entry(false, Kind.HOST, target, null)) : none();
  }

  private static boolean ipv6(String literal) {
    // Only hex digits, colons and dots (no zone id): with a colon in it the JDK parses the text as
    // an IPv6 literal and never asks DNS.
    if (!literal.contains(":") || !IPV6_CHARS.matcher(literal).matches()) {
      return false;
    }
    try {
      InetAddress address = InetAddress.getByName(literal);
      // "::ffff:a.b.c.d" comes back as an IPv4 address; it still names one address, so it counts.
      return address instanceof Inet6Address || address.getAddress().length == 4;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Integer port(String text) {
    if (!PORT.matcher(text).matches()) {
      return null;
    }
    int value = Integer.parseInt(text);
    return value <= 65_535 ? value : null;
  }

  private static Optional<Entry> none() {
    return Optional.empty();
  }
}
