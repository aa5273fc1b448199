package dev.agentruntime.embedded;

import io.temporal.testserver.TestServer;

/**
 * Temporal's in-memory test server bound to a port, a real gRPC frontend that the API and the
 * worker reach as they would a Temporal cluster. It keeps no state across restarts and has no
 * visibility store (no list or count queries); durability across a server restart needs the real
 * server.
 */
public final class LocalTemporal implements AutoCloseable {

  private final TestServer.PortBoundTestServer server;
  private final int port;

  private LocalTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static LocalTemporal start(int port) {
    // true: time advances in real time, as it does on a real cluster.
    return new LocalTemporal(TestServer.createPortBoundServer(port, true), port);
  }

  public static LocalTemporal startEphemeral() {
    return start(Ports.free());
  }

  /** The gRPC target, for example {@code 127.0.0.1:7233}. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }
}
