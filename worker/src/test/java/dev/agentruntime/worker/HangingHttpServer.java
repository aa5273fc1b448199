package dev.agentruntime.worker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP endpoint that reads each request and never answers, for a model call that hangs. Raw
 * sockets, so it can see what an HTTP server framework hides: the moment the client gives up and
 * closes the connection.
 */
public final class HangingHttpServer implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch firstRequest = new CountDownLatch(1);
  private final CountDownLatch firstClose = new CountDownLatch(1);
  private volatile long firstCloseNanos;

  private HangingHttpServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "hanging-http-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static HangingHttpServer start() throws IOException {
    return new HangingHttpServer();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  public int requests() {
    return requests.get();
  }

  public boolean awaitRequest(Duration timeout) throws InterruptedException {
    return firstRequest.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until a client closed a connection it had sent a request on; false on timeout. */
  public boolean awaitClientClose(Duration timeout) throws InterruptedException {
    return firstClose.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** {@link System#nanoTime()} when the first connection was closed by its client. */
  public long firstCloseNanos() {
    return firstCloseNanos;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread reader = new Thread(() -> hold(socket), "hanging-http-conn");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Reads whatever the client sends and answers nothing, until the client closes. */
  private void hold(Socket socket) {
    try (socket;
        InputStream in = socket.getInputStream()) {
      byte[] buffer = new byte[8192];
      boolean counted = false;
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (read > 0 && !counted) {
          counted = true;
          requests.incrementAndGet();
          firstRequest.countDown();
        }
      }
      closedByClient();
    } catch (IOException reset) {
      closedByClient(); // a reset is the client going away too
    }
  }

  private synchronized void closedByClient() {
    if (firstClose.getCount() > 0) {
      firstCloseNanos = System.nanoTime();
      firstClose.countDown();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
