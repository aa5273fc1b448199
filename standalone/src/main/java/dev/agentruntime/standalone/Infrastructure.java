package dev.agentruntime.standalone;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.LocalRedis;
import dev.agentruntime.embedded.LocalS3;
import dev.agentruntime.embedded.LocalTemporal;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.StackSettings.External;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL, Redis, S3 and Temporal for the stack: the real services named in the settings, and
 * embedded ones for the rest. Embedded PostgreSQL (with fsync and synchronous commit on), the
 * object store and the Temporal server keep their data in the settings' data directory when there
 * is one; Redis holds only rate-limit counters and is always in memory.
 */
public final class Infrastructure implements AutoCloseable {

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final List<String> description = new ArrayList<>();
  private String jdbcUrl;
  private String dbUser;
  private String dbPassword;
  private String redisUrl;
  private String s3Endpoint;
  private String s3AccessKey;
  private String s3SecretKey;
  private String temporalTarget;
  private boolean temporalInMemory;

  private Infrastructure() {}

  public static Infrastructure start(StackSettings settings) {
    Infrastructure infra = new Infrastructure();
    Map<External, String> external = settings.external();
    Path data = settings.data();
    try {
      infra.startPostgres(
          external,
          data == null ? null : data.resolve("postgres"),
          settings.home().resolve("logs/postgres.log"));
      infra.startRedis(external);
      infra.startS3(external, data == null ? null : data.resolve("objects"));
      infra.startTemporal(settings);
      return infra;
    } catch (RuntimeException e) {
      infra.close();
      throw e;
    }
  }

  private void startPostgres(Map<External, String> external, Path directory, Path log) {
    if (external.containsKey(External.DB_URL)) {
      jdbcUrl = external.get(External.DB_URL);
      dbUser = external.getOrDefault(External.DB_USER, "postgres");
      dbPassword = external.getOrDefault(External.DB_PASSWORD, "postgres");
      description.add("PostgreSQL  " + jdbcUrl + " (external)");
      return;
    }
    LocalPostgres postgres = LocalPostgres.start(Ports.free(), directory, log);
    started.push(postgres);
    jdbcUrl = postgres.jdbcUrl();
    dbUser = LocalPostgres.USER;
    dbPassword = LocalPostgres.PASSWORD;
    description.add("PostgreSQL  " + jdbcUrl + " (embedded, fsync on, " + kept(directory) + ")");
  }

  private void startRedis(Map<External, String> external) {
    if (external.containsKey(External.REDIS_URL)) {
      redisUrl = external.get(External.REDIS_URL);
      description.add("Redis       " + redisUrl + " (external)");
      return;
    }
    LocalRedis redis = LocalRedis.start(Ports.free());
    started.push(redis);
    redisUrl = redis.url();
    description.add("Redis       " + redisUrl + " (embedded)");
  }

  private void startS3(Map<External, String> external, Path directory) {
    if (external.containsKey(External.S3_ENDPOINT)) {
      s3Endpoint = external.get(External.S3_ENDPOINT);
      s3AccessKey = external.getOrDefault(External.S3_ACCESS_KEY, "minioadmin");
      s3SecretKey = external.getOrDefault(External.S3_SECRET_KEY, "minioadmin");
      description.add("S3          " + s3Endpoint + " (external)");
      return;
    }
    LocalS3 s3 = LocalS3.start(Ports.free(), directory);
    started.push(s3);
    s3Endpoint = s3.endpoint();
    s3AccessKey = LocalS3.ACCESS_KEY;
    s3SecretKey = LocalS3.SECRET_KEY;
    description.add(
        "S3          "
            + s3Endpoint
            + (directory == null
                ? " (embedded s3proxy, in memory)"
                : " (embedded s3proxy, " + kept(directory) + ")"));
  }

  private void startTemporal(StackSettings settings) {
    Map<External, String> external = settings.external();
    if (external.containsKey(External.TEMPORAL_TARGET)) {
      temporalTarget = external.get(External.TEMPORAL_TARGET);
      description.add("Temporal    " + temporalTarget + " (external)");
      return;
    }
    int port = settings.temporalPort() == 0 ? Ports.free() : settings.temporalPort();
    if (settings.temporalCli() == null) {
      LocalTemporal temporal = LocalTemporal.start(port);
      started.push(temporal);
      temporalInMemory = true;
      temporalTarget = temporal.target();
      description.add(
          "Temporal    "
              + temporalTarget
              + " (embedded in-memory test server: no Web UI, nothing kept, no crash survival)");
      return;
    }
    Path directory =
        settings.data() == null ? temporaryDirectory() : settings.data().resolve("temporal");
    // The UI's usual port is the gRPC port + 1000 (8233 beside 7233).
    int uiPort = port + 1000 <= 65535 ? Ports.preferOrFree(port + 1000) : Ports.free();
    TemporalDevServer temporal =
        TemporalDevServer.start(
            settings.temporalCli(),
            directory,
            settings.home().resolve("logs/temporal.log"),
            port,
            uiPort);
    started.push(temporal);
    temporalTarget = temporal.target();
    description.add(
        "Temporal    "
            + temporalTarget
            + " (embedded Temporal server, "
            + kept(settings.data() == null ? null : directory.resolve("temporal.db"))
            + ")");
    description.add("Temporal UI " + temporal.uiUrl());
  }

  private static String kept(Path directory) {
    return directory == null ? "temporary data" : "data kept in " + directory;
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("temporal");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Configuration shared by the API and the worker: the object store too, which the worker writes
   * run data to and the API reads artifacts from.
   */
  public Map<String, String> commonProperties() {
    return Map.of(
        "quarkus.datasource.jdbc.url", jdbcUrl,
        "quarkus.datasource.username", dbUser,
        "quarkus.datasource.password", dbPassword,
        "agent-runtime.temporal.target", temporalTarget,
        "agent-runtime.s3.endpoint", s3Endpoint,
        "agent-runtime.s3.access-key", s3AccessKey,
        "agent-runtime.s3.secret-key", s3SecretKey);
  }

  public Map<String, String> apiProperties() {
    return Map.of("agent-runtime.redis.url", redisUrl);
  }

  public Map<String, String> workerProperties() {
    Map<String, String> properties = new HashMap<>();
    if (temporalInMemory) {
      // The in-memory test server never re-routes a workflow task left on a dead worker's sticky
      // queue (it sets no sticky schedule-to-start timeout), so a run would hang after a worker
      // crash. Without a workflow cache the worker uses no sticky queue.
      properties.put("agent-runtime.worker.workflow-cache-size", "0");
    }
    return properties;
  }

  public List<String> description() {
    return List.copyOf(description);
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String dbUser() {
    return dbUser;
  }

  public String dbPassword() {
    return dbPassword;
  }

  public String s3Endpoint() {
    return s3Endpoint;
  }

  public String s3AccessKey() {
    return s3AccessKey;
  }

  public String s3SecretKey() {
    return s3SecretKey;
  }

  /** Whether Temporal is the embedded in-memory test server (nothing kept, no crash survival). */
  public boolean temporalInMemory() {
    return temporalInMemory;
  }

  public String temporalTarget() {
    return temporalTarget;
  }

  /** Stops embedded services in reverse start order. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("warning: could not stop an embedded service: " + e);
      }
    }
  }
}
