package dev.agentruntime.worker.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class EgressAllowlistTest {

  private static boolean allows(EgressAllowlist list, String scheme, String host, int port) {
    return list.refusal(scheme, host, null, port).isEmpty();
  }

  @Test
  void anEmptyAllowlistAllowsNothing() {
    assertThat(allows(EgressAllowlist.of(List.of()), "https", "example.com", 443)).isFalse();
  }

  @Test
  void aWildcardAllowsSubdomainsAtAnyDepthButNotTheApexOrLookalikes() {
    EgressAllowlist list = EgressAllowlist.of(List.of("*.example.com"));

    assertThat(allows(list, "https", "api.example.com", 443)).isTrue();
    assertThat(allows(list, "https", "a.b.example.com", 443)).isTrue();
    assertThat(allows(list, "https", "example.com", 443)).isFalse();
    assertThat(allows(list, "https", "evilexample.com", 443)).isFalse();
    assertThat(allows(list, "https", "example.com.evil.test", 443)).isFalse();
  }

  @Test
  void withoutAPortOnlyTheSchemesDefaultPortIsAllowed() {
    EgressAllowlist list = EgressAllowlist.of(List.of("http://example.com", "api.test:8443"));

    assertThat(allows(list, "https", "example.com", 443)).isTrue();
    assertThat(allows(list, "http", "example.com", 80)).isTrue();
    assertThat(allows(list, "http", "example.com", 8080)).isFalse();
    assertThat(allows(list, "https", "api.test", 8443)).isTrue();
    assertThat(allows(list, "https", "api.test", 443)).isFalse();
    assertThat(allows(list, "http", "api.test", 8443)).isFalse();
  }

  @Test
  void anIpRuleAllowsAUrlNamingThatAddressAndNoOther() throws Exception {
    EgressAllowlist list = EgressAllowlist.of(List.of("internal.test", "10.0.0.7", "[fd00::1]"));

    assertThat(list.refusal("https", "10.0.0.7", InetAddress.getByName("10.0.0.7"), 443)).isEmpty();
    assertThat(list.refusal("https", "fd00::1", InetAddress.getByName("fd00::1"), 443)).isEmpty();
    assertThat(list.refusal("https", "10.0.0.8", InetAddress.getByName("10.0.0.8"), 443))
        .isPresent();
    assertThat(list.refusal("https", "10.0.0.7", InetAddress.getByName("10.0.0.7"), 8443))
        .isPresent();
  }

  @Test
  void invalidEntriesAreReportedInOrder() {
    List<String> entries = List.of("ok.example.com", "*.com", "http://x.test/path", "[::1]");

    assertThat(EgressAllowlist.invalidEntries(entries))
        .containsExactly("*.com", "http://x.test/path");
    assertThatThrownBy(() -> EgressAllowlist.of(entries))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid egress allowlist entries: [*.com, http://x.test/path]");
  }
}
