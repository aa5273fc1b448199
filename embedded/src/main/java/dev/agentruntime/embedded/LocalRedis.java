package dev.agentruntime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/** A real Redis server (embedded-redis binaries), started as a child process. */
public final class LocalRedis implements AutoCloseable {

  private final RedisServer server;
  private final int port;

  private LocalRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static LocalRedis start(int port) {
    try {
      RedisServer server =
          RedisServer.newRedisServer()
              .port(port)
              .setting("bind 127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
      return new LocalRedis(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("Redis did not start on port " + port, e);
    }
  }

  public static LocalRedis startEphemeral() {
    return start(Ports.free());
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
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
