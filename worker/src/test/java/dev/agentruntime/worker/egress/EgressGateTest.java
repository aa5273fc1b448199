package dev.agentruntime.worker.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform layer of the gate: what a tenant's rules cannot widen and what an operator can. */
class EgressGateTest {

  private final FakeResolver dns = new FakeResolver();

  private static EgressPolicy policy(String grants, String... networks) {
    return EgressPolicy.parse(grants, List.of(networks));
  }

  @Test
  void anIpLiteralInASpecsAllowlistUnlocksNoRefusedRange() {
    TenantEgress platform = EgressPolicy.PUBLIC_ONLY.forTenant("acme");
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://169.254.170.2/v2/credentials",
            "http://127.0.0.1:7233/",
            "http://10.0.0.5:5432/",
            "http://100.100.100.200/",
            "http://[::ffff:127.0.0.1]:8080/")) {
      URI target = URI.create(url);
      String rule =
          "http://" + target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : "");
      EgressGate gate = EgressGate.allowlisted(EgressAllowlist.of(List.of(rule)), platform, dns);
      assertThatThrownBy(() -> gate.check(target))
          .as(url)
          .isInstanceOf(EgressRefused.class)
          .hasMessageContaining("the platform refuses it unless the operator grants it");
    }
  }

  @Test
  void aUrlTheSpecNamesItselfIsRefusedOnRefusedAddressesAndAllowedOnPublicOnes() throws Exception {
    dns.answer("evil.test", "127.0.0.1");
    dns.answer("public.test", "93.184.216.34");
    EgressGate gate = EgressGate.specUrl(EgressPolicy.PUBLIC_ONLY.forTenant("acme"), dns);

    assertThatThrownBy(() -> gate.check(URI.create("http://evil.test:11434/v1")))
        .isInstanceOf(EgressRefused.class)
        .hasMessageContaining("127.0.0.1 (loopback address) is not allowed for host evil.test");
    assertThatThrownBy(() -> gate.check(URI.create("http://169.254.169.254/")))
        .isInstanceOf(EgressRefused.class);
    EgressGate.Destination destination = gate.check(URI.create("https://public.test/v1"));
    assertThat(destination.internal()).isFalse();
  }

  @Test
  void anOperatorsGrantOpensADestinationForTheNamedTenantsOnly() throws Exception {
    dns.answer("ollama.internal", "10.0.0.9");
    EgressPolicy policy = policy("http://ollama.internal:11434=acme;http://10.0.0.5:*=globex");
    URI ollama = URI.create("http://ollama.internal:11434/api/chat");

    EgressGate.Destination granted =
        EgressGate.specUrl(policy.forTenant("acme"), dns).check(ollama);
    assertThat(granted.internal()).isTrue();
    assertThatThrownBy(() -> EgressGate.specUrl(policy.forTenant("globex"), dns).check(ollama))
        .isInstanceOf(EgressRefused.class);
    // Another port of the granted host is not granted.
    assertThatThrownBy(
            () ->
                EgressGate.specUrl(policy.forTenant("acme"), dns)
                    .check(URI.create("http://ollama.internal:5432/")))
        .isInstanceOf(EgressRefused.class);
    // An address grant with :* covers any port of that address, written as the URL's host.
    assertThat(
            EgressGate.specUrl(policy.forTenant("globex"), dns)
                .check(URI.create("http://10.0.0.5:8080/"))
                .internal())
        .isTrue();
  }

  @Test
  void anAddressGrantDoesNotCoverANameThatResolvesToIt() {
    dns.answer("sneaky.test", "10.0.0.5");
    EgressPolicy policy = policy("http://10.0.0.5:*=acme");

    assertThatThrownBy(
            () ->
                EgressGate.specUrl(policy.forTenant("acme"), dns)
                    .check(URI.create("http://sneaky.test:8080/")))
        .isInstanceOf(EgressRefused.class);
  }

  @Test
  void aTenantsAllowlistStillNarrowsWhatTheOperatorGranted() {
    EgressPolicy policy = policy("http://10.0.0.5:*=acme");
    EgressGate gate =
        EgressGate.allowlisted(
            EgressAllowlist.of(List.of("api.example.com")), policy.forTenant("acme"), dns);

    assertThatThrownBy(() -> gate.check(URI.create("http://10.0.0.5:8080/")))
        .isInstanceOf(EgressRefused.class)
        .hasMessageContaining("not on this tool's egress allowlist");
  }

  @Test
  void theDeploymentsOwnNetworksAreRefusedLikePrivateOnes() {
    dns.answer("lb.example.com", "203.0.113.10");
    EgressPolicy policy = policy("", "203.0.113.0/24");

    assertThatThrownBy(
            () ->
                EgressGate.specUrl(policy.forTenant("acme"), dns)
                    .check(URI.create("https://lb.example.com/")))
        .isInstanceOf(EgressRefused.class)
        .hasMessageContaining("one of the deployment's own networks");
  }

  @Test
  void malformedSettingsAreRefusedNamingTheEntry() {
    assertThatThrownBy(() -> policy("http://ollama:11434"))
        .hasMessageContaining("expected DESTINATION=TENANTS");
    assertThatThrownBy(() -> policy("not a host=*")).hasMessageContaining("'not a host'");
    assertThatThrownBy(() -> policy("ollama.internal=Acme")).hasMessageContaining("'Acme'");
    assertThatThrownBy(() -> policy("", "10.0.0.0")).hasMessageContaining("10.0.0.0");
  }
}
