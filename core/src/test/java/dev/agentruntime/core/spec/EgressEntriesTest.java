package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.spec.EgressEntries.Entry;
import dev.agentruntime.core.spec.EgressEntries.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressEntriesTest {

  @Test
  void aHostNameIsHttpsOnlyOnTheDefaultPortAndLowerCased() {
    assertThat(EgressEntries.parse("API.Example.com"))
        .contains(new Entry(false, Kind.HOST, "api.example.com", null));
  }

  @Test
  void anHttpPrefixAllowsPlainHttpAndHttpsPrefixChangesNothing() {
    assertThat(EgressEntries.parse("http://example.com:8080"))
        .contains(new Entry(true, Kind.HOST, "example.com", 8080));
    assertThat(EgressEntries.parse("https://example.com"))
        .contains(new Entry(false, Kind.HOST, "example.com", null));
  }

  @Test
  void aWildcardKeepsItsDomainWithoutTheStar() {
    assertThat(EgressEntries.parse("*.example.com:8443"))
        .contains(new Entry(false, Kind.WILDCARD, "example.com", 8443));
  }

  @Test
  void addressLiteralsNameAnAddress() {
    assertThat(EgressEntries.parse("http://127.0.0.1:8080"))
        .contains(new Entry(true, Kind.IPV4, "127.0.0.1", 8080));
    assertThat(EgressEntries.parse("[2001:DB8::1]"))
        .contains(new Entry(false, Kind.IPV6, "2001:db8::1", null));
    assertThat(EgressEntries.parse("[::1]:9000"))
        .contains(new Entry(false, Kind.IPV6, "::1", 9000));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "*",
        "*.com",
        "**.example.com",
        "a.*.example.com",
        "*example.com",
        "example.com:0",
        "example.com:65536",
        "example.com:080",
        "example.com:",
        "example.com/path",
        "ftp://example.com",
        "user@example.com",
        "-bad.example.com",
        "bad-.example.com",
        "exa_mple.com",
        "example..com",
        "example.com.",
        "2130706433",
        "127.1",
        "010.0.0.1",
        "256.1.1.1",
        "*.10.0.0.1",
        "::1",
        "[::1",
        "[fe80::1%eth0]",
        "[example.com]",
        "[::1]x",
        " example.com"
      })
  void entriesThatAreNotHostPatternsAreInvalid(String raw) {
    assertThat(EgressEntries.isValid(raw)).as(raw).isFalse();
  }

  @Test
  void nullIsInvalid() {
    assertThat(EgressEntries.isValid(null)).isFalse();
  }
}
