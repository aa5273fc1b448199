package dev.agentruntime.worker.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses an egress request may not contact unless an allowlist entry names the address
 * explicitly (an IP literal rule). A host name rule never unlocks them: allowing {@code
 * api.example.com} must not let a DNS answer of 10.0.0.7 reach the internal network.
 *
 * <p>IPv4: 0.0.0.0/8 (unspecified, "this network"), 10/8, 172.16/12, 192.168/16 (private),
 * 100.64/10 (carrier-grade NAT; also where some clouds put metadata), 127/8 (loopback), 169.254/16
 * (link-local, including the cloud metadata endpoint 169.254.169.254), 192.0.0/24 (IETF protocol
 * assignments), 198.18/15 (benchmarking), 224/4 (multicast), 240/4 (reserved, including the
 * broadcast 255.255.255.255).
 *
 * <p>IPv6: :: (unspecified), ::1 (loopback), fc00::/7 (unique local), fe80::/10 (link-local),
 * fec0::/10 (old site-local), ff00::/8 (multicast), 64:ff9b:1::/48 (local-use NAT64), 100::/64
 * (discard), 2001::/32 (Teredo, whose embedded address is obfuscated), 2001:db8::/32
 * (documentation).
 *
 * <p>IPv6 forms that carry an IPv4 address are judged by that address with the IPv4 rules, so
 * {@code ::ffff:10.0.0.7} is as private as 10.0.0.7 while {@code 64:ff9b::8.8.8.8} is as public as
 * 8.8.8.8: IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96, IPv4-compatible ::/96, NAT64
 * 64:ff9b::/96 and 6to4 2002::/16 (address in bits 16 to 48).
 */
public final class BlockedAddresses {

  /** A CIDR network with the reason an address in it is blocked. */
  record Range(byte[] network, int bits, String reason) {

    /**
     * The network {@code cidr} ({@code 10.0.0.0/16}, {@code fd00::/8}) spells.
     *
     * @throws IllegalArgumentException when it is not an address literal with a prefix length
     */
    static Range parse(String cidr, String reason) {
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException(cidr + " is not a network (ADDRESS/BITS)");
      }
      String address = cidr.substring(0, slash).strip();
      if (!address.contains(":")
          && !dev.agentruntime.core.spec.EgressEntries.isIpv4Literal(address)) {
        throw new IllegalArgumentException(cidr + " is not a network (ADDRESS/BITS)");
      }
      byte[] network = literal(address).getAddress();
      int bits;
      try {
        bits = Integer.parseInt(cidr.substring(slash + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(cidr + " has no prefix length");
      }
      if (bits < 0 || bits > network.length * 8) {
        throw new IllegalArgumentException(cidr + " has a prefix length out of range");
      }
      return new Range(network, bits, reason);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final List<Range> V4 =
      List.of(
          range("0.0.0.0/8", "unspecified address"),
          range("10.0.0.0/8", "private address"),
          range("100.64.0.0/10", "carrier-grade NAT address"),
          range("127.0.0.0/8", "loopback address"),
          range("169.254.0.0/16", "link-local address, where cloud metadata lives"),
          range("172.16.0.0/12", "private address"),
          range("192.0.0.0/24", "IETF protocol assignment address"),
          range("192.168.0.0/16", "private address"),
          range("198.18.0.0/15", "benchmarking address"),
          range("224.0.0.0/4", "multicast address"),
          range("240.0.0.0/4", "reserved or broadcast address"));

  private static final List<Range> V6 =
      List.of(
          range("::/128", "unspecified address"),
          range("::1/128", "loopback address"),
          range("64:ff9b:1::/48", "local-use NAT64 address"),
          range("100::/64", "discard-only address"),
          range("2001::/32", "Teredo tunnel address"),
          range("2001:db8::/32", "documentation address"),
          range("fc00::/7", "private (unique local) address"),
          range("fe80::/10", "link-local address"),
          range("fec0::/10", "site-local address"),
          range("ff00::/8", "multicast address"));

  private static final byte[] MAPPED = prefix(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff);
  private static final byte[] TRANSLATED = prefix(0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0);
  private static final byte[] COMPATIBLE = prefix(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  private static final byte[] NAT64 = prefix(0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0);
  private static final byte[] SIX_TO_FOUR = prefix(0x20, 0x02);

  private BlockedAddresses() {}

  /** Why {@code address} is blocked, or empty when a public address may be contacted. */
  public static Optional<String> reason(InetAddress address) {
    return reason(address, List.of());
  }

  /**
   * Why {@code address} is blocked, by the ranges above or by one of {@code more} (the deployment's
   * own networks), or empty. An IPv6 form that carries an IPv4 address is judged by that address.
   */
  static Optional<String> reason(InetAddress address, List<Range> more) {
    byte[] bytes = address.getAddress();
    Optional<String> direct = reason(V4, V6, more, bytes);
    if (direct.isPresent() || bytes.length == 4) {
      return direct;
    }
    return embedded(bytes)
        .flatMap(v4 -> reason(V4, V6, more, v4).map(r -> "embeds " + text(v4) + ", " + r));
  }

  private static Optional<String> reason(
      List<Range> v4, List<Range> v6, List<Range> more, byte[] bytes) {
    Optional<String> known = reason(bytes.length == 4 ? v4 : v6, bytes);
    return known.isPresent() ? known : reason(more, bytes);
  }

  /** The IPv4 address an IPv4-mapped IPv6 address stands for, otherwise the address itself. */
  public static InetAddress unmapped(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 16 && startsWith(bytes, MAPPED)) {
      return literal(Arrays.copyOfRange(bytes, 12, 16));
    }
    return address;
  }

  private static Optional<byte[]> embedded(byte[] v6) {
    if (startsWith(v6, MAPPED)
        || startsWith(v6, TRANSLATED)
        || startsWith(v6, COMPATIBLE)
        || startsWith(v6, NAT64)) {
      return Optional.of(Arrays.copyOfRange(v6, 12, 16));
    }
    if (startsWith(v6, SIX_TO_FOUR)) {
      return Optional.of(Arrays.copyOfRange(v6, 2, 6));
    }
    return Optional.empty();
  }

  private static Optional<String> reason(List<Range> ranges, byte[] bytes) {
    return ranges.stream().filter(r -> r.contains(bytes)).map(Range::reason).findFirst();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] prefix(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static Range range(String cidr, String reason) {
    // Literals only (never a DNS lookup); none of them is IPv4-mapped, so the length is kept.
    return Range.parse(cidr, reason);
  }

  private static InetAddress literal(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static InetAddress literal(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String text(byte[] v4) {
    return literal(v4).getHostAddress();
  }
}
