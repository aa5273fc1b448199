package dev.agentruntime.worker.egress;

import java.util.List;

/** Gates for the egress tests, whose servers listen on 127.0.0.1. */
final class TestEgress {

  /**
   * The operator's grants to tenant {@code acme}, any port: 127.0.0.1 as the URL's host, and the
   * test names the tests' servers answer to on 127.0.0.1. {@code local.test} is not granted: a name
   * resolving to loopback without a grant is refused.
   */
  static final EgressPolicy LOOPBACK_GRANTED =
      EgressPolicy.parse(
          "http://127.0.0.1:*=acme;http://a.test:*=acme;http://b.test:*=acme;"
              + "http://rebind.test:*=acme;http://egress.test:*=acme;http://wrong.test:*=acme",
          List.of());

  private TestEgress() {}

  /** A tool's gate with {@code rules} as its allowlist, under {@link #LOOPBACK_GRANTED}. */
  static EgressGate gate(HostResolver dns, String... rules) {
    return EgressGate.allowlisted(
        EgressAllowlist.of(List.of(rules)), LOOPBACK_GRANTED.forTenant("acme"), dns);
  }
}
