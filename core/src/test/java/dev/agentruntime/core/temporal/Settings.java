package dev.agentruntime.core.temporal;

import java.util.Optional;

/**
 * A {@link TemporalConnectionConfig} built in code, as the config mappings build it from
 * properties.
 */
record Settings(String target, Optional<String> apiKey, TlsSettings tls)
    implements TemporalConnectionConfig {

  record TlsSettings(
      boolean enabled,
      Optional<String> clientCert,
      Optional<String> clientKey,
      Optional<String> serverCaCert,
      Optional<String> serverName)
      implements Tls {}

  static Settings plaintext() {
    return new Settings(
        "127.0.0.1:7233",
        Optional.empty(),
        new TlsSettings(
            false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  Settings withApiKey(String key) {
    return new Settings(target, Optional.of(key), tls);
  }

  Settings withTls(String clientCert, String clientKey, String serverCaCert) {
    return new Settings(
        target,
        apiKey,
        new TlsSettings(
            tls.enabled(),
            Optional.ofNullable(clientCert),
            Optional.ofNullable(clientKey),
            Optional.ofNullable(serverCaCert),
            tls.serverName()));
  }
}
