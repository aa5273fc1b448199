package dev.agentruntime.systemtests;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.LocalRedis;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.embedded.TemporalServer;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.standalone.StackSettings;
import dev.agentruntime.standalone.StackSettings.External;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.testkit.MinioServer;
import dev.agentruntime.testkit.PostgresTemporalServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The system tier's stack: every server real and separately stoppable. PostgreSQL (data kept in a
 * directory), Redis, the MinIO server, the Temporal server, the packaged API and worker as
 * processes, and the fake model server standing in for the paid LLM API. Each keeps its port and
 * data across a restart, as a service would. PostgreSQL commits durably (fsync and synchronous
 * commit on), so a restart loses nothing a commit acknowledged.
 *
 * <p>Temporal is the CLI dev server (SQLite) by default, or the production server on the stack's
 * own PostgreSQL ({@link #startOnPostgresTemporal}), as the compose stack runs it: then a kill of
 * PostgreSQL takes Temporal's database down with the API's.
 */
final class SystemStack implements AutoCloseable {

  final FakeOpenAiServer model = FakeOpenAiServer.start();
  private final Path home;
  private final int postgresPort = Ports.free();
  private final int minioPort = Ports.free();
  private final int temporalPort = Ports.free();
  private final int temporalUiPort = Ports.free();
  private final LocalRedis redis = LocalRedis.startEphemeral();
  private final StackSettings settings;
  LocalPostgres postgres;
  MinioServer minio;
  TemporalServer temporal;
  Stack stack;

  private SystemStack(String name, boolean postgresTemporal) {
    home =
        Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"), name).toAbsolutePath();
    postgres = LocalPostgres.start(postgresPort, home.resolve("postgres"));
    minio = MinioServer.start(home.resolve("minio"), minioPort);
    temporal =
        postgresTemporal
            ? PostgresTemporalServer.start(
                home.resolve("temporal"),
                temporalPort,
                new PostgresTemporalServer.Database(
                    "127.0.0.1", postgresPort, LocalPostgres.USER, LocalPostgres.PASSWORD))
            : TemporalDevServer.start(home.resolve("temporal"), temporalPort, temporalUiPort);
    settings =
        new StackSettings(
            home,
            Path.of(System.getProperty("agent-runtime.api.app")),
            Path.of(System.getProperty("agent-runtime.worker.app")),
            Ports.free(),
            Ports.free(),
            0,
            Map.of(
                External.DB_URL,
                postgres.jdbcUrl(),
                External.DB_USER,
                LocalPostgres.USER,
                External.DB_PASSWORD,
                LocalPostgres.PASSWORD,
                External.REDIS_URL,
                redis.url(),
                External.S3_ENDPOINT,
                minio.endpoint(),
                External.S3_ACCESS_KEY,
                MinioServer.ACCESS_KEY,
                External.S3_SECRET_KEY,
                MinioServer.SECRET_KEY,
                External.TEMPORAL_TARGET,
                temporal.target()),
            // The missed-fire watcher looks often, so a test need not wait its 15 s.
            Map.of(
                "agent-runtime.limits.run-admissions-per-second",
                "1000",
                "agent-runtime.schedules.missed-fires.interval",
                "2s"),
            Map.of());
    stack = Stack.start(settings);
  }

  static SystemStack start(String name) {
    return new SystemStack(name, false);
  }

  /** The same stack on the production Temporal server, whose databases live in its PostgreSQL. */
  static SystemStack startOnPostgresTemporal(String name) {
    return new SystemStack(name, true);
  }

  /** {@code SHOW name} on the stack's PostgreSQL. */
  String postgresSetting(String name) {
    return postgres.setting(name);
  }

  Path postgresData() {
    return home.resolve("postgres");
  }

  ObjectStoreReader objects() {
    return new ObjectStoreReader(minio.endpoint(), MinioServer.ACCESS_KEY, MinioServer.SECRET_KEY);
  }

  /** Stops the worker, the API, Temporal, MinIO and PostgreSQL, in that order. */
  void stopEverything() {
    stack.close();
    temporal.close();
    minio.close();
    postgres.close();
  }

  /** Starts them again on the same ports and data, the applications last. */
  void startEverything() {
    postgres = LocalPostgres.start(postgresPort, postgresData());
    minio.restart();
    temporal.restart();
    stack = Stack.start(settings);
  }

  @Override
  public void close() {
    try {
      stack.close();
    } finally {
      temporal.close();
      minio.close();
      postgres.close();
      redis.close();
      model.close();
    }
  }
}
