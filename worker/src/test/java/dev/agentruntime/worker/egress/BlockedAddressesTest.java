package dev.agentruntime.worker.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlockedAddressesTest {

  @ParameterizedTest(name = "{0} is blocked as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0.0.0.0            | unspecified address",
        "0.255.255.255      | unspecified address",
        "127.0.0.1          | loopback address",
        "127.255.255.254    | loopback address",
        "10.0.0.7           | private address",
        "10.255.255.255     | private address",
        "172.16.0.1         | private address",
        "172.31.255.255     | private address",
        "192.168.1.1        | private address",
        "169.254.169.254    | link-local address, where cloud metadata lives",
        "169.254.0.1        | link-local address, where cloud metadata lives",
        "100.64.0.1         | carrier-grade NAT address",
        "100.100.100.200    | carrier-grade NAT address",
        "100.127.255.255    | carrier-grade NAT address",
        "192.0.0.170        | IETF protocol assignment address",
        "198.18.0.1         | benchmarking address",
        "198.19.255.255     | benchmarking address",
        "224.0.0.1          | multicast address",
        "239.255.255.250    | multicast address",
        "240.0.0.1          | reserved or broadcast address",
        "255.255.255.255    | reserved or broadcast address",
        "::                 | unspecified address",
        "::1                | loopback address",
        "fc00::1            | private (unique local) address",
        "fd12:3456::1       | private (unique local) address",
        "fe80::1            | link-local address",
        "febf::1            | link-local address",
        "fec0::1            | site-local address",
        "ff02::1            | multicast address",
        "64:ff9b:1::1       | local-use NAT64 address",
        "100::1             | discard-only address",
        "2001::1            | Teredo tunnel address",
        "2001:db8::1        | documentation address",
        "::ffff:0:a00:7     | embeds 10.0.0.7, private address",
        "::7f00:1           | embeds 127.0.0.1, loopback address",
        "64:ff9b::a9fe:a9fe | embeds 169.254.169.254, link-local address, where cloud metadata lives",
        "2002:a00:7::1      | embeds 10.0.0.7, private address",
        "2002:7f00:1::      | embeds 127.0.0.1, loopback address",
      })
  void blockedRangesAreNamed(String address, String reason) throws Exception {
    assertThat(BlockedAddresses.reason(v6Kept(address))).contains(reason);
  }

  @ParameterizedTest(name = "{0} is public")
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "93.184.216.34",
        "9.255.255.255",
        "11.0.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "172.15.255.255",
        "172.32.0.1",
        "169.253.255.255",
        "192.167.255.255",
        "198.17.255.255",
        "198.20.0.1",
        "223.255.255.255",
        "2606:4700::1",
        "2a00:1450:4001::200e",
        "64:ff9b::808:808",
        "2002:808:808::1",
        "::ffff:0:808:808",
      })
  void publicAddressesAreAllowed(String address) throws Exception {
    assertThat(BlockedAddresses.reason(v6Kept(address))).isEmpty();
  }

  @ParameterizedTest(name = "IPv4-mapped {0} is judged as IPv4")
  @ValueSource(strings = {"::ffff:10.0.0.7", "::ffff:127.0.0.1", "::ffff:169.254.169.254"})
  void ipv4MappedAddressesAreBlockedInBothForms(String address) throws Exception {
    InetAddress mapped = v6Kept(address);
    assertThat(mapped).isInstanceOf(Inet6Address.class);
    assertThat(BlockedAddresses.reason(mapped)).get().asString().startsWith("embeds ");
    // The JDK itself turns the literal into the IPv4 address: blocked too.
    assertThat(BlockedAddresses.reason(InetAddress.getByName(address))).isPresent();
  }

  /**
   * The address as a resolver could hand it over: an IPv6 literal stays an {@link Inet6Address}
   * (the JDK would silently turn an IPv4-mapped literal into an IPv4 address).
   */
  private static InetAddress v6Kept(String literal) throws Exception {
    InetAddress parsed = InetAddress.getByName(literal);
    if (!literal.contains(":")) {
      return parsed;
    }
    byte[] bytes = parsed.getAddress();
    if (bytes.length == 4) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, mapped, 12, 4);
      bytes = mapped;
    }
    return Inet6Address.getByAddress(null, bytes, -1);
  }
}
