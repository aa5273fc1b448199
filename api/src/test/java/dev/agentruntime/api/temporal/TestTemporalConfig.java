package dev.agentruntime.api.temporal;

import java.time.Duration;
import java.util.Optional;

/** A {@link TemporalConfig} built in code, as Quarkus builds it from the properties. */
public record TestTemporalConfig(String target, Optional<String> apiKey, TlsSettings tls)
    implements TemporalConfig {

  public record TlsSettings(
      boolean enabled,
      Optional<String> clientCert,
      Optional<String> clientKey,
      Optional<String> serverCaCert,
      Optional<String> serverName)
      implements Tls {}

  /** Plaintext towards {@code target}, as a local Temporal server is reached. */
  public static TestTemporalConfig plaintext(String target) {
    return new TestTemporalConfig(
        target,
        Optional.empty(),
        new TlsSettings(
            false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  /** TLS towards {@code target}, trusting {@code serverCaCert}, nothing else set. */
  static TestTemporalConfig tls(String target, String serverCaCert) {
    return new TestTemporalConfig(
        target,
        Optional.empty(),
        new TlsSettings(
            true, Optional.empty(), Optional.empty(), Optional.of(serverCaCert), Optional.empty()));
  }

  TestTemporalConfig withClientCertificate(String cert, String key) {
    return new TestTemporalConfig(
        target,
        apiKey,
        new TlsSettings(
            tls.enabled(),
            Optional.of(cert),
            Optional.of(key),
            tls.serverCaCert(),
            tls.serverName()));
  }

  TestTemporalConfig withApiKey(String key) {
    return new TestTemporalConfig(target, Optional.of(key), tls);
  }

  TestTemporalConfig withServerName(String name) {
    return new TestTemporalConfig(
        target,
        apiKey,
        new TlsSettings(
            tls.enabled(),
            tls.clientCert(),
            tls.clientKey(),
            tls.serverCaCert(),
            Optional.of(name)));
  }

  @Override
  public String namespace() {
    return "default";
  }

  @Override
  public Duration startTimeout() {
    return Duration.ofSeconds(5);
  }

  @Override
  public Duration searchAttributesRetryFor() {
    return Duration.ofSeconds(5);
  }

  @Override
  public Duration searchAttributesRecheckInterval() {
    return Duration.ofMinutes(1);
  }
}
