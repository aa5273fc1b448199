package dev.agentruntime.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Real MCP servers for tests, as {@code scripts/install-tools.sh mcp-everything} installs them
 * under {@code $AGENT_RUNTIME_TOOLS} (default {@code ~/.cache/agent-runtime/tools}): the reference
 * server-everything, and a second server on the official TypeScript SDK ({@code
 * src/test/resources/mcp/changed-echo-server.cjs}) whose {@code echo} tool is defined differently.
 */
public final class McpTestServers {

  private McpTestServers() {}

  /** A running server process on 127.0.0.1; closing stops it. */
  public record Server(Process process, int port) implements AutoCloseable {
    public String url() {
      return "http://127.0.0.1:" + port + "/mcp";
    }

    /**
     * Stops the process and its descendants and waits for all of them: the launcher script exits
     * before the node process it started, which would otherwise still hold the port when a test
     * starts another server on it (and the readiness check would reach the old one).
     */
    @Override
    public void close() {
      List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
      all.add(process.toHandle());
      all.forEach(ProcessHandle::destroy);
      for (ProcessHandle handle : all) {
        try {
          handle.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException stubborn) {
          handle.destroyForcibly();
          handle.onExit().join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (ExecutionException impossible) {
          throw new IllegalStateException(impossible);
        }
      }
    }
  }

  /** server-everything over streamable HTTP on {@code port}. */
  public static Server everything(int port) {
    return start(new ProcessBuilder(tools().resolve("bin/mcp-everything").toString()), port, null);
  }

  /**
   * The changed-echo server on {@code port}, insisting on {@code Authorization: Bearer token} when
   * {@code token} is not null.
   */
  public static Server changedEcho(int port, String token) {
    Path script = Path.of("src/test/resources/mcp/changed-echo-server.cjs").toAbsolutePath();
    ProcessBuilder builder = new ProcessBuilder("node", script.toString());
    builder
        .environment()
        .put("NODE_PATH", tools().resolve("mcp-everything/node_modules").toString());
    return start(builder, port, token);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path tools() {
    String dir = System.getenv("AGENT_RUNTIME_TOOLS");
    Path tools =
        dir != null && !dir.isBlank()
            ? Path.of(dir)
            : Path.of(System.getProperty("user.home"), ".cache/agent-runtime/tools");
    if (!Files.isExecutable(tools.resolve("bin/mcp-everything"))) {
      throw new IllegalStateException(
          "the MCP test server is not installed at "
              + tools.resolve("bin/mcp-everything")
              + ": run scripts/install-tools.sh mcp-everything (./test.sh does it for you)");
    }
    return tools;
  }

  private static Server start(ProcessBuilder builder, int port, String token) {
    if (listening(port)) {
      throw new IllegalStateException("port " + port + " is still taken by another process");
    }
    builder.environment().put("PORT", Integer.toString(port));
    if (token != null) {
      builder.environment().put("MCP_TOKEN", token);
    }
    builder.redirectErrorStream(true);
    builder.redirectOutput(
        ProcessBuilder.Redirect.appendTo(Path.of("target/mcp-server-" + port + ".log").toFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + builder.command(), e);
    }
    Server server = new Server(process, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            builder.command() + " exited; see target/mcp-server-" + port + ".log");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return server;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    server.close();
    throw new IllegalStateException(builder.command() + " did not listen on port " + port);
  }
}
