package dev.agentruntime.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus application (the API or the worker) run as a child process, exactly as it is
 * deployed: {@code java -jar quarkus-run.jar} with its configuration as system properties.
 */
public final class AppProcess {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path app;
  private final Map<String, String> properties;
  private final List<String> jvmOptions;
  private final Path log;
  private final int httpPort;
  private Process process;

  public AppProcess(
      String name,
      Path app,
      Map<String, String> properties,
      List<String> jvmOptions,
      Path log,
      int httpPort) {
    this.name = name;
    this.app = app;
    this.properties = Map.copyOf(properties);
    this.jvmOptions = List.copyOf(jvmOptions);
    this.log = log;
    this.httpPort = httpPort;
  }

  /** Starts the process; output is appended to the log file. */
  public synchronized AppProcess start() {
    if (!Files.isRegularFile(app)) {
      throw new IllegalStateException(
          name + " application not found at " + app + ": build it first (./mvnw package)");
    }
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(app.toString());
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Blocks until {@code /q/health/ready} answers 200, the process dies, or the timeout passes. */
  public AppProcess awaitReady(Duration timeout) {
    URI health = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!isAlive()) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + " during start-up; see " + log);
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process.pid();
  }

  /** The exit code of the last process (128 + n when signal n ended it); -1 while it runs. */
  public synchronized int exitCode() {
    return process == null || process.isAlive() ? -1 : process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no graceful drain; what a crash looks like. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitForExit(Duration.ofSeconds(30));
    }
  }

  /** SIGTERM without waiting: the process begins its graceful shutdown (the worker drains). */
  public synchronized void terminate() {
    if (process != null) {
      process.destroy();
    }
  }

  /** Waits until the process has exited; false if it still runs after {@code timeout}. */
  public boolean awaitExit(Duration timeout) {
    Process current;
    synchronized (this) {
      current = process;
    }
    try {
      return current == null || current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  public synchronized void stop(Duration grace) {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitForExit(grace)) {
        kill();
      }
    }
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public int httpPort() {
    return httpPort;
  }

  private boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
