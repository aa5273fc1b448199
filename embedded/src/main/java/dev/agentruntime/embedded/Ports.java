package dev.agentruntime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free local ports for servers started by tests and standalone mode. */
public final class Ports {

  private Ports() {}

  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code preferred} if it is free, otherwise any free port. */
  public static int preferOrFree(int preferred) {
    try (ServerSocket socket = new ServerSocket(preferred)) {
      socket.setReuseAddress(true);
      return preferred;
    } catch (IOException e) {
      return free();
    }
  }
}
