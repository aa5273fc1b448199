package dev.agentruntime.testkit;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real MinIO server as a child process, its data in a directory so that it survives a stop and
 * start. The binary comes from {@code scripts/install-tools.sh minio}.
 */
public final class MinioServer implements AutoCloseable {

  public static final String ACCESS_KEY = "agent-runtime";
  public static final String SECRET_KEY = "agent-runtime-secret";

  private final Path binary;
  private final Path data;
  private final Path log;
  private final int port;
  private Process process;

  private MinioServer(Path binary, Path data, Path log, int port) {
    this.binary = binary;
    this.data = data;
    this.log = log;
    this.port = port;
  }

  public static MinioServer start(Path directory, int port) {
    try {
      Files.createDirectories(directory.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MinioServer server =
        new MinioServer(
            Tools.binary("minio"), directory.resolve("data"), directory.resolve("minio.log"), port);
    server.startProcess();
    return server;
  }

  private synchronized void startProcess() {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "server",
                    data.toString(),
                    "--address",
                    "127.0.0.1:" + port,
                    "--console-address",
                    "127.0.0.1:" + Ports.free(),
                    "--quiet"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("MINIO_ROOT_USER", ACCESS_KEY);
    builder.environment().put("MINIO_ROOT_PASSWORD", SECRET_KEY);
    builder.environment().put("MINIO_BROWSER", "off");
    builder.environment().put("MINIO_UPDATE", "off");
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start MinIO", e);
    }
    awaitReady(Duration.ofSeconds(60));
  }

  private void awaitReady(Duration timeout) {
    Tools.awaitHttpOk(
        "MinIO", process, URI.create(endpoint() + "/minio/health/ready"), timeout, log, 200);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGKILL: the server vanishes mid-request, as in an outage. */
  public synchronized void kill() {
    process.destroyForcibly();
    Tools.waitForExit(process, Duration.ofSeconds(30));
  }

  /** Starts the server again on the same data and port. */
  public synchronized void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("MinIO is still running");
    }
    startProcess();
  }

  @Override
  public synchronized void close() {
    process.destroy();
    if (!Tools.waitForExit(process, Duration.ofSeconds(20))) {
      kill();
    }
  }
}
