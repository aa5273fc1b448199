package dev.agentruntime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real Temporal server: the Temporal CLI's dev server (Temporal Server + Web UI, SQLite
 * persistence) as a child process. Unlike the in-memory test server it keeps workflows across its
 * own restarts, re-routes a dead worker's sticky tasks, and answers visibility queries, so
 * durability is proven against it. The binary comes from {@code scripts/install-tools.sh}.
 *
 * <p>Task queue fairness ({@code matching.enableFairness}) is on, as docs/deployment.md asks of
 * every server: runs carry their tenant as fairness key, and only then does one tenant's backlog
 * not hold back another's runs. {@link #startWithoutFairness} exists for the benchmark that
 * measures the difference.
 */
public final class TemporalDevServer implements TemporalServer {

  private final Path cli;
  private final Path database;
  private final Path log;
  private final int port;
  private final int uiPort;
  private final boolean fairness;
  private Process process;

  private TemporalDevServer(
      Path cli, Path database, Path log, int port, int uiPort, boolean fairness) {
    this.cli = cli;
    this.fairness = fairness;
    this.database = database;
    this.log = log;
    this.port = port;
    this.uiPort = uiPort;
  }

  /** Starts a server keeping its state in {@code directory}; returns once it accepts calls. */
  public static TemporalDevServer start(Path directory, int port, int uiPort) {
    return start(
        Tools.binary("temporal"), directory, directory.resolve("temporal.log"), port, uiPort);
  }

  /**
   * Starts the server {@code cli} with its SQLite file in {@code directory} and its output appended
   * to {@code log}; returns once it accepts calls.
   */
  public static TemporalDevServer start(Path cli, Path directory, Path log, int port, int uiPort) {
    return start(cli, directory, log, port, uiPort, true);
  }

  /**
   * A server whose task queues hand out tasks first in, first out, ignoring fairness keys: the
   * baseline the fairness benchmark compares against, never what the project runs on.
   */
  public static TemporalDevServer startWithoutFairness(Path directory, int port, int uiPort) {
    return start(
        Tools.binary("temporal"),
        directory,
        directory.resolve("temporal.log"),
        port,
        uiPort,
        false);
  }

  private static TemporalDevServer start(
      Path cli, Path directory, Path log, int port, int uiPort, boolean fairness) {
    try {
      Files.createDirectories(directory);
      Files.createDirectories(log.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TemporalDevServer server =
        new TemporalDevServer(cli, directory.resolve("temporal.db"), log, port, uiPort, fairness);
    server.startProcess();
    return server;
  }

  /** The {@code temporal} binary this class runs (see {@code scripts/install-tools.sh}). */
  public static Path locateCli() {
    return Tools.binary("temporal");
  }

  /**
   * Where {@code scripts/install-tools.sh temporal} puts the binary, whether it is there or not.
   */
  public static Path cliLocation() {
    return Tools.location("temporal");
  }

  private synchronized void startProcess() {
    List<String> command =
        List.of(
            cli.toString(),
            "server",
            "start-dev",
            "--db-filename",
            database.toString(),
            "--ip",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--ui-port",
            Integer.toString(uiPort),
            "--namespace",
            "default",
            "--log-level",
            "warn",
            "--dynamic-config-value",
            "matching.enableFairness=" + fairness);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Temporal dev server", e);
    }
    awaitListening(Duration.ofSeconds(60));
  }

  private void awaitListening(Duration timeout) {
    Tools.awaitListening("Temporal dev server", process, port, timeout, log);
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public String description() {
    return "Temporal CLI dev server (SQLite)";
  }

  public String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  @Override
  public synchronized long pid() {
    return process.pid();
  }

  /** SIGKILL, as in a crash; the SQLite file keeps what was committed. */
  @Override
  public synchronized void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** Starts the server again on the same database and ports. */
  @Override
  public synchronized void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("the Temporal dev server is still running");
    }
    startProcess();
  }

  @Override
  public synchronized void close() {
    process.destroy();
    if (!waitForExit()) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  private boolean waitForExit() {
    return Tools.waitForExit(process, Duration.ofSeconds(30));
  }
}
