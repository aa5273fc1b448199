package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.embedded.TemporalServer;
import dev.agentruntime.embedded.Tools;
import dev.agentruntime.standalone.Directories;
import dev.agentruntime.standalone.StackSettings.External;
import dev.agentruntime.testkit.PostgresTemporalServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Temporal server a benchmark pass measures on, started fresh: the CLI dev server (SQLite
 * file), which standalone mode runs, or the production server ({@code temporal-server}) on
 * PostgreSQL, which the compose stack runs and users self-host. For the latter the bench starts one
 * durable PostgreSQL ({@link LocalPostgres#start}: fsync and synchronous commit on) and the stack
 * uses it too, as a deployment that gives Temporal and the runtime one database server does; the
 * DBOS peer then runs on the same server.
 */
final class BenchServer implements AutoCloseable {

  /** Which server. */
  enum Kind {
    DEV("dev", "Temporal CLI dev server (SQLite)"),
    POSTGRES("postgres", "Temporal server on PostgreSQL");

    final String option;
    final String title;

    Kind(String option, String title) {
      this.option = option;
      this.title = title;
    }

    static Kind of(String option) {
      for (Kind kind : values()) {
        if (kind.option.equals(option)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("--server takes dev or postgres, got " + option);
    }
  }

  final Kind kind;
  final TemporalServer temporal;
  private final LocalPostgres postgres;

  private BenchServer(Kind kind, TemporalServer temporal, LocalPostgres postgres) {
    this.kind = kind;
    this.temporal = temporal;
    this.postgres = postgres;
  }

  /**
   * Starts the server under {@code home} (its earlier data deleted), with {@code dynamicConfig}
   * added to the production server's dynamic config (the dev server takes none here).
   */
  static BenchServer start(Kind kind, Path home, Map<String, Object> dynamicConfig, PrintStream log)
      throws IOException {
    Path directory = home.resolve("temporal-" + kind.option);
    Directories.deleteRecursively(directory);
    if (kind == Kind.DEV) {
      TemporalDevServer dev =
          TemporalDevServer.start(directory.resolve("dev"), Ports.free(), Ports.free());
      log.println("Temporal dev server (fresh SQLite) at " + dev.target());
      return new BenchServer(kind, dev, null);
    }
    LocalPostgres postgres =
        LocalPostgres.start(
            Ports.free(), directory.resolve("postgres"), directory.resolve("postgres.log"));
    try {
      PostgresTemporalServer server =
          PostgresTemporalServer.start(
              directory.resolve("server"),
              PostgresTemporalServer.freePort(),
              new PostgresTemporalServer.Database(
                  "127.0.0.1", postgres.port(), LocalPostgres.USER, LocalPostgres.PASSWORD),
              dynamicConfig);
      log.println(
          "Temporal server on PostgreSQL (port "
              + postgres.port()
              + ", dynamic config "
              + dynamicConfig
              + ") at "
              + server.target());
      return new BenchServer(kind, server, postgres);
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /** What the stack is given: the server, and for the production server its PostgreSQL too. */
  Map<External, String> external() {
    Map<External, String> external = new HashMap<>();
    external.put(External.TEMPORAL_TARGET, temporal.target());
    if (postgres != null) {
      external.put(External.DB_URL, postgres.jdbcUrl());
      external.put(External.DB_USER, LocalPostgres.USER);
      external.put(External.DB_PASSWORD, LocalPostgres.PASSWORD);
    }
    return external;
  }

  /** The version install-tools.sh recorded next to the server binary it built. */
  static String productionServerVersion() {
    try {
      Path marker = Tools.binary("temporal-server").resolveSibling(".temporal-server.version");
      String module = Files.readString(marker).trim();
      return module.substring(module.indexOf('@') + 1);
    } catch (IOException | RuntimeException e) {
      return "(version unknown)";
    }
  }

  @Override
  public void close() {
    temporal.close();
    if (postgres != null) {
      postgres.close();
    }
  }
}
