package dev.agentruntime.standalone;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.LocalRedis;
import dev.agentruntime.embedded.LocalS3;
import dev.agentruntime.embedded.LocalTemporal;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.standalone.StackSettings.External;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL, Redis, S3 and Temporal for the stack: the real services named in the settings, and
 * embedded ones for the rest. Embedded services keep no data across restarts.
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
  private boolean temporalEmbedded;

  private Infrastructure() {}

  /**
   * @param temporalPort port for the embedded Temporal server, 0 for any free one
   */
  public static Infrastructure start(Map<External, String> external, int temporalPort) {
    Infrastructure infra = new Infrastructure();
    try {
      infra.startPostgres(external);
      infra.startRedis(external);
      infra.startS3(external);
      infra.startTemporal(external, temporalPort);
      return infra;
    } catch (RuntimeException e) {
      infra.close();
      throw e;
    }
  }

  private void startPostgres(Map<External, String> external) {
    if (external.containsKey(External.DB_URL)) {
      jdbcUrl = external.get(External.DB_URL);
      dbUser = external.getOrDefault(External.DB_USER, "postgres");
      dbPassword = external.getOrDefault(External.DB_PASSWORD, "postgres");
      description.add("PostgreSQL  " + jdbcUrl + " (external)");
      return;
    }
    LocalPostgres postgres = LocalPostgres.start(Ports.free(), null);
    started.push(postgres);
    jdbcUrl = postgres.jdbcUrl();
    dbUser = LocalPostgres.USER;
    dbPassword = LocalPostgres.PASSWORD;
    description.add("PostgreSQL  " + jdbcUrl + " (embedded, data discarded on exit)");
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

  private void startS3(Map<External, String> external) {
    if (external.containsKey(External.S3_ENDPOINT)) {
      s3Endpoint = external.get(External.S3_ENDPOINT);
      s3AccessKey = external.getOrDefault(External.S3_ACCESS_KEY, "minioadmin");
      s3SecretKey = external.getOrDefault(External.S3_SECRET_KEY, "minioadmin");
      description.add("S3          " + s3Endpoint + " (external)");
      return;
    }
    LocalS3 s3 = LocalS3.start(Ports.free(), null);
    started.push(s3);
    s3Endpoint = s3.endpoint();
    s3AccessKey = LocalS3.ACCESS_KEY;
    s3SecretKey = LocalS3.SECRET_KEY;
    description.add("S3          " + s3Endpoint + " (embedded s3proxy, in memory)");
  }

  private void startTemporal(Map<External, String> external, int port) {
    if (external.containsKey(External.TEMPORAL_TARGET)) {
      temporalTarget = external.get(External.TEMPORAL_TARGET);
      description.add("Temporal    " + temporalTarget + " (external)");
      return;
    }
    LocalTemporal temporal = LocalTemporal.start(port == 0 ? Ports.free() : port);
    started.push(temporal);
    temporalEmbedded = true;
    temporalTarget = temporal.target();
    description.add(
        "Temporal    " + temporalTarget + " (embedded in-memory test server, no Web UI)");
  }

  /** Configuration shared by the API and the worker. */
  public Map<String, String> commonProperties() {
    return Map.of(
        "quarkus.datasource.jdbc.url", jdbcUrl,
        "quarkus.datasource.username", dbUser,
        "quarkus.datasource.password", dbPassword,
        "agent-runtime.temporal.target", temporalTarget);
  }

  public Map<String, String> apiProperties() {
    return Map.of("agent-runtime.redis.url", redisUrl);
  }

  public Map<String, String> workerProperties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("agent-runtime.s3.endpoint", s3Endpoint);
    properties.put("agent-runtime.s3.access-key", s3AccessKey);
    properties.put("agent-runtime.s3.secret-key", s3SecretKey);
    if (temporalEmbedded) {
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
