package dev.agentruntime.standalone;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the standalone stack runs and where. Any service given an address here is used as is; every
 * other one is started embedded.
 *
 * @param home directory for logs, dev keys and tokens
 * @param apiApp the packaged API ({@code api/target/quarkus-app/quarkus-run.jar})
 * @param workerApp the packaged worker
 * @param apiPort HTTP port of the API
 * @param workerPort HTTP (health) port of the worker
 * @param temporalPort port of the embedded Temporal server; 0 for any free port
 * @param external addresses of real services, by {@link External} key; absent means embedded
 * @param apiProperties extra configuration for the API
 * @param workerProperties extra configuration for the worker
 * @param data where embedded PostgreSQL, the Temporal server and the object store keep their data
 *     across restarts; {@code null} for temporary data, deleted when the stack stops
 * @param temporalCli the Temporal CLI binary whose dev server runs as the embedded Temporal server;
 *     {@code null} for Temporal's in-memory test server
 */
public record StackSettings(
    Path home,
    Path apiApp,
    Path workerApp,
    int apiPort,
    int workerPort,
    int temporalPort,
    Map<External, String> external,
    Map<String, String> apiProperties,
    Map<String, String> workerProperties,
    Path data,
    Path temporalCli) {

  /** Environment variables that point the stack at real services instead of embedded ones. */
  public enum External {
    DB_URL("AGENT_RUNTIME_DB_URL"),
    DB_USER("AGENT_RUNTIME_DB_USER"),
    DB_PASSWORD("AGENT_RUNTIME_DB_PASSWORD"),
    REDIS_URL("AGENT_RUNTIME_REDIS_URL"),
    S3_ENDPOINT("AGENT_RUNTIME_S3_ENDPOINT"),
    S3_ACCESS_KEY("AGENT_RUNTIME_S3_ACCESS_KEY"),
    S3_SECRET_KEY("AGENT_RUNTIME_S3_SECRET_KEY"),
    TEMPORAL_TARGET("AGENT_RUNTIME_TEMPORAL_TARGET");

    private final String environmentVariable;

    External(String environmentVariable) {
      this.environmentVariable = environmentVariable;
    }

    public String environmentVariable() {
      return environmentVariable;
    }
  }

  /** Temporary data and the in-memory Temporal server, unless {@code external} names others. */
  public StackSettings(
      Path home,
      Path apiApp,
      Path workerApp,
      int apiPort,
      int workerPort,
      int temporalPort,
      Map<External, String> external,
      Map<String, String> apiProperties,
      Map<String, String> workerProperties) {
    this(
        home,
        apiApp,
        workerApp,
        apiPort,
        workerPort,
        temporalPort,
        external,
        apiProperties,
        workerProperties,
        null,
        null);
  }

  public StackSettings {
    external = Map.copyOf(external);
    apiProperties = Map.copyOf(apiProperties);
    workerProperties = Map.copyOf(workerProperties);
  }

  /** Reads {@link External} addresses from the environment. */
  public static Map<External, String> externalFromEnvironment(Map<String, String> environment) {
    Map<External, String> found = new HashMap<>();
    for (External key : External.values()) {
      String value = environment.get(key.environmentVariable());
      if (value != null && !value.isBlank()) {
        found.put(key, value);
      }
    }
    return found;
  }
}
