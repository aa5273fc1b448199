package dev.agentruntime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real Redis server (embedded-redis binaries), started as a child process; optionally with a
 * password ({@code requirepass}, as an ElastiCache auth token) and a TLS port (the Linux binary is
 * built with TLS).
 */
public final class LocalRedis implements AutoCloseable {

  private final RedisServer server;
  private final int port;
  private final int tlsPort;

  private LocalRedis(RedisServer server, int port, int tlsPort) {
    this.server = server;
    this.port = port;
    this.tlsPort = tlsPort;
  }

  public static LocalRedis start(int port) {
    return start(port, List.of(), 0);
  }

  public static LocalRedis startEphemeral() {
    return start(Ports.free());
  }

  /** A server that refuses commands until AUTH with {@code password}. */
  public static LocalRedis startWithPassword(String password) {
    return start(Ports.free(), List.of("requirepass " + password), 0);
  }

  /**
   * A server with {@code password} that also listens with TLS on {@link #tlsPort()}, presenting
   * {@code certificate}; clients need no certificate of their own (as ElastiCache).
   */
  public static LocalRedis startWithTls(SelfSignedCertificate certificate, String password) {
    int tlsPort = Ports.free();
    return start(
        Ports.free(),
        List.of(
            "requirepass " + password,
            "tls-port " + tlsPort,
            "tls-cert-file " + certificate.certificate().toAbsolutePath(),
            "tls-key-file " + certificate.key().toAbsolutePath(),
            "tls-auth-clients no"),
        tlsPort);
  }

  private static LocalRedis start(int port, List<String> extraSettings, int tlsPort) {
    List<String> settings =
        new ArrayList<>(List.of("bind 127.0.0.1", "save \"\"", "appendonly no"));
    settings.addAll(extraSettings);
    try {
      RedisServerBuilder builder = RedisServer.newRedisServer().port(port);
      settings.forEach(builder::setting);
      RedisServer server = builder.build();
      server.start();
      return new LocalRedis(server, port, tlsPort);
    } catch (IOException e) {
      throw new UncheckedIOException("Redis did not start on port " + port, e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The TLS port, 0 unless started with TLS. */
  public int tlsPort() {
    return tlsPort;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
