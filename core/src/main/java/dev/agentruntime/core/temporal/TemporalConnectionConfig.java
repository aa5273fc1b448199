package dev.agentruntime.core.temporal;

import java.util.Optional;

/**
 * How the API and the worker reach the Temporal frontend, read from the properties under {@link
 * #PREFIX}. Both applications map it with their own config mapping that extends this interface, so
 * the property names are the same in both; {@link TemporalConnectionOptions} turns it into the
 * SDK's stub options.
 *
 * <p>Plaintext unless TLS is asked for: {@code tls.enabled}, an API key, or any other {@code tls.*}
 * setting turns TLS on. Certificates and keys are each either PEM text (as ECS injects a secret
 * into an environment variable) or the path of a PEM file.
 */
public interface TemporalConnectionConfig {

  String PREFIX = "agent-runtime.temporal";

  /** gRPC target, for example {@code localhost:7233} or {@code <ns>.<account>.tmprl.cloud:7233}. */
  String target();

  /**
   * Temporal Cloud API key, sent on every call as {@code authorization: Bearer <key>}. Implies TLS
   * (the key must not cross the network in clear).
   */
  Optional<String> apiKey();

  Tls tls();

  /** The {@code tls.*} properties. */
  interface Tls {

    /** Default false; the other TLS settings and an API key turn TLS on without it. */
    boolean enabled();

    /** Client certificate chain for mTLS (PEM text or path); only together with the key. */
    Optional<String> clientCert();

    /** PKCS#8 private key of the client certificate (PEM text or path); only with the cert. */
    Optional<String> clientKey();

    /**
     * CA certificate(s) the server's certificate must chain to (PEM text or path), for a
     * self-hosted server with a private CA. Default: the JVM's trusted CAs.
     */
    Optional<String> serverCaCert();

    /** Name the server's certificate must carry, when it differs from the target's host. */
    Optional<String> serverName();
  }
}
