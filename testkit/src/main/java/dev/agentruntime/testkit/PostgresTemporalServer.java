package dev.agentruntime.testkit;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalServer;
import dev.agentruntime.embedded.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The production Temporal server ({@code temporal-server} of {@code go.temporal.io/server}, the
 * release the CLI dev server embeds) on PostgreSQL, as a child process: what the compose stack runs
 * ({@code temporalio/server}) and what users self-host. Start-up does what the compose stack's jobs
 * do: {@code temporal-sql-tool} creates and migrates the {@code temporal} and {@code
 * temporal_visibility} databases (a second start changes nothing), the server starts on a config
 * written from {@code postgres-temporal.yaml}, and the namespace is registered with the Temporal
 * CLI. Binaries from {@code scripts/install-tools.sh temporal-server temporal}.
 *
 * <p>Unlike the dev server it has no built-in UI, registers nothing on its own, and makes a new
 * namespace and new search attributes visible only when its caches refresh (10 s by default, kept
 * here as in production).
 */
public final class PostgresTemporalServer implements TemporalServer {

  /** The namespace the stack uses, registered on first start. */
  public static final String NAMESPACE = "default";

  /** The highest port the server's PostgreSQL schema can record ({@link #freePort}). */
  public static final int MAX_PORT = Short.MAX_VALUE;

  private static final Random RANDOM = new Random();

  private final Path directory;
  private final Path log;
  private final int port;
  private final Database database;
  private Process process;

  /** Where the server keeps its state: a PostgreSQL server and its superuser. */
  public record Database(String host, int port, String user, String password) {}

  private PostgresTemporalServer(Path directory, int port, Database database) {
    this.directory = directory;
    this.log = directory.resolve("temporal-server.log");
    this.port = port;
    this.database = database;
  }

  /**
   * Sets up the schema on {@code database}, starts the server with its gRPC frontend on {@code
   * port}, and returns once the namespace answers calls.
   */
  public static PostgresTemporalServer start(Path directory, int port, Database database) {
    return start(directory, port, database, Map.of());
  }

  /**
   * As {@link #start(Path, int, Database)}, with {@code dynamicConfig} added to the server's
   * dynamic config (key → value, e.g. {@code system.enableActivityEagerExecution} → {@code true}):
   * for a measurement of a server setting.
   */
  public static PostgresTemporalServer start(
      Path directory, int port, Database database, Map<String, Object> dynamicConfig) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PostgresTemporalServer server = new PostgresTemporalServer(directory, port, database);
    server.setUpSchema();
    server.writeConfig(dynamicConfig);
    server.startProcess();
    server.registerNamespace();
    return server;
  }

  private void setUpSchema() {
    for (String db : List.of("temporal", "temporal_visibility")) {
      String schema = db.equals("temporal") ? "temporal" : "visibility";
      // create-database fails when it exists: a second start reuses the database.
      sqlTool(db, false, "create-database");
      sqlTool(db, true, "setup-schema", "-v", "0.0");
      sqlTool(db, true, "update-schema", "--schema-name", "postgresql/v12/" + schema);
    }
  }

  private void sqlTool(String db, boolean mustSucceed, String... command) {
    List<String> line = new ArrayList<>();
    line.add(Tools.binary("temporal-sql-tool").toString());
    line.addAll(
        List.of(
            "--plugin", "postgres12",
            "--ep", database.host(),
            "-p", Integer.toString(database.port()),
            "-u", database.user(),
            "--db", db));
    line.addAll(List.of(command));
    ProcessBuilder builder =
        new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("SQL_PASSWORD", database.password());
    int exit = run(builder, Duration.ofMinutes(2));
    if (mustSucceed && exit != 0) {
      throw new IllegalStateException(
          "temporal-sql-tool " + String.join(" ", command) + " on " + db + " failed; see " + log);
    }
  }

  /**
   * A free local port the server can use. The PostgreSQL schema keeps each service's ports in a
   * {@code smallint} column ({@code cluster_membership.rpc_port}), so a port of the kernel's
   * ephemeral range (32768 and up on Linux, which {@link Ports#free} returns) makes the server fail
   * at start ("value out of range for type smallint").
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int candidate = 10_000 + RANDOM.nextInt(MAX_PORT - 10_000);
      if (Ports.preferOrFree(candidate) == candidate) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free port below " + MAX_PORT);
  }

  private void writeConfig(Map<String, Object> dynamicConfig) {
    String template;
    try (var in = getClass().getResourceAsStream("postgres-temporal.yaml")) {
      template = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String config =
        template
            .replace("${DB_HOST}", database.host() + ":" + database.port())
            .replace("${DB_USER}", database.user())
            .replace("${DB_PASSWORD}", database.password())
            .replace("${FRONTEND_PORT}", Integer.toString(port))
            .replace("${FRONTEND_HTTP_PORT}", Integer.toString(freePort()))
            .replace("${DYNAMIC_CONFIG}", directory.resolve("dynamicconfig.yaml").toString());
    for (String service : List.of("FRONTEND", "HISTORY", "MATCHING", "WORKER")) {
      config = config.replace("${" + service + "_MEMBERSHIP_PORT}", Integer.toString(freePort()));
      config = config.replace("${" + service + "_GRPC_PORT}", Integer.toString(freePort()));
    }
    try {
      Files.createDirectories(directory.resolve("config"));
      Files.writeString(directory.resolve("config/production.yaml"), config);
      // Task queue fairness between tenants, as docker/temporal/dynamicconfig.yaml.
      Map<String, Object> values = new TreeMap<>(Map.of("matching.enableFairness", true));
      values.putAll(dynamicConfig);
      StringBuilder yaml = new StringBuilder();
      values.forEach((key, value) -> yaml.append(key + ":\n  - value: " + value + "\n"));
      Files.writeString(directory.resolve("dynamicconfig.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void startProcess() {
    List<String> command =
        List.of(
            Tools.binary("temporal-server").toString(),
            "--root",
            directory.toString(),
            "--config",
            "config",
            "--env",
            "production",
            "--allow-no-auth",
            "start");
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start temporal-server", e);
    }
    Tools.awaitListening("temporal-server", process, port, Duration.ofSeconds(90), log);
  }

  /**
   * Registers the namespace unless it exists (the server may not take the call in its first
   * seconds), then waits until it answers.
   */
  private void registerNamespace() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (cli("operator", "namespace", "describe", "-n", NAMESPACE) != 0
        && cli("operator", "namespace", "create", "-n", NAMESPACE, "--retention", "72h") != 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "could not register namespace " + NAMESPACE + "; see " + log);
      }
      Tools.sleep(1000);
    }
    awaitNamespace();
  }

  /**
   * Waits until the frontend's namespace cache has the namespace: a workflow count answers. After a
   * crash the server first reacquires its shards, which can take a while on a loaded machine.
   */
  private void awaitNamespace() {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (cli("workflow", "count", "-n", NAMESPACE) != 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "namespace " + NAMESPACE + " did not answer within 120 s; see " + log);
      }
      Tools.sleep(500);
    }
  }

  private int cli(String... args) {
    List<String> line = new ArrayList<>();
    line.add(Tools.binary("temporal").toString());
    line.addAll(List.of(args));
    line.addAll(List.of("--address", target(), "--command-timeout", "10s"));
    return run(
        new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())),
        Duration.ofSeconds(30));
  }

  private static int run(ProcessBuilder builder, Duration timeout) {
    try {
      Process started = builder.start();
      if (!Tools.waitForExit(started, timeout)) {
        started.destroyForcibly();
        return -1;
      }
      return started.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public String description() {
    return "Temporal server on PostgreSQL";
  }

  @Override
  public synchronized long pid() {
    return process.pid();
  }

  @Override
  public synchronized void kill() {
    process.destroyForcibly();
    Tools.waitForExit(process, Duration.ofSeconds(30));
  }

  @Override
  public synchronized void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("temporal-server is still running");
    }
    startProcess();
    awaitNamespace();
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      Tools.stop(process);
    }
  }
}
