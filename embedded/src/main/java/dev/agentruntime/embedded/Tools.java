package dev.agentruntime.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Binaries built by {@code scripts/install-tools.sh}, and small process helpers. Public for the
 * servers of the testkit module (Keycloak, Jaeger, MinIO, the reference agent, schemathesis).
 */
public final class Tools {

  private Tools() {}

  /**
   * A binary from the cache {@code scripts/install-tools.sh} fills: {@code
   * $AGENT_RUNTIME_TOOLS/bin}, by default {@code ~/.cache/agent-runtime/tools/bin}.
   */
  public static Path binary(String name) {
    Path candidate = location(name);
    if (!Files.isExecutable(candidate)) {
      throw new IllegalStateException(
          name
              + " not found at "
              + candidate
              + ": run scripts/install-tools.sh "
              + name
              + " (./test.sh does it for you)");
    }
    return candidate;
  }

  /** Where {@code scripts/install-tools.sh} puts the binary {@code name}, built or not. */
  public static Path location(String name) {
    String tools = System.getenv("AGENT_RUNTIME_TOOLS");
    return tools != null && !tools.isBlank()
        ? Path.of(tools, "bin", name)
        : Path.of(System.getProperty("user.home"), ".cache/agent-runtime/tools/bin", name);
  }

  public static boolean waitForExit(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /**
   * Waits until {@code ready} answers 200, failing at once when the server's process exits and
   * after {@code timeout}; both failures point at the server's {@code log}.
   */
  public static void awaitHttpOk(
      String server, Process process, URI ready, Duration timeout, Path log, long pollMillis) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            server + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(pollMillis);
    }
    throw new IllegalStateException(server + " was not ready within " + timeout + "; see " + log);
  }

  /**
   * Waits until the server accepts TCP connections on {@code port} of the loopback address, failing
   * at once when its process exits and after {@code timeout}; both failures point at its {@code
   * log}. For servers without an HTTP readiness path ({@link #awaitHttpOk} is for those).
   */
  public static void awaitListening(
      String server, Process process, int port, Duration timeout, Path log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            server + " exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        sleep(100);
      }
    }
    throw new IllegalStateException(
        server + " did not listen on " + port + " within " + timeout + "; see " + log);
  }

  /** SIGTERM, then SIGKILL if the process has not exited 10 s later. */
  public static void stop(Process process) {
    process.destroy();
    if (!waitForExit(process, Duration.ofSeconds(10))) {
      process.destroyForcibly();
      waitForExit(process, Duration.ofSeconds(10));
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
