package dev.agentruntime.testkit;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Jaeger v2 (built from its Go module by {@code scripts/install-tools.sh jaeger}) as a child
 * process: an OTLP http/protobuf receiver and the query API over in-memory storage, every port a
 * free one, so tests export real OTLP and read back what the backend stored.
 */
public final class LocalJaeger implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int otlpPort;
  private final int queryPort;

  private LocalJaeger(Process process, Path log, int otlpPort, int queryPort) {
    this.process = process;
    this.log = log;
    this.otlpPort = otlpPort;
    this.queryPort = queryPort;
  }

  /** Starts Jaeger with its config and log in {@code directory}; returns once it answers. */
  public static LocalJaeger start(Path directory) {
    int otlp = Ports.free();
    int query = Ports.free();
    int queryGrpc = Ports.free();
    Path config = directory.resolve("jaeger.yaml");
    Path log = directory.resolve("jaeger.log");
    try {
      Files.createDirectories(directory);
      Files.writeString(config, config(otlp, query, queryGrpc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process process;
    try {
      process =
          new ProcessBuilder(
                  List.of(Tools.binary("jaeger").toString(), "--config", "file:" + config))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Jaeger", e);
    }
    LocalJaeger jaeger = new LocalJaeger(process, log, otlp, query);
    jaeger.awaitListening(otlp, Duration.ofSeconds(60));
    jaeger.awaitListening(query, Duration.ofSeconds(60));
    return jaeger;
  }

  /**
   * Receiver, storage and query only. The collector's own metrics endpoint is off (it would bind
   * the fixed port 8888), and the query's gRPC API gets a free port too.
   */
  static String config(int otlp, int query, int queryGrpc) {
    return """
        service:
          extensions: [jaeger_storage, jaeger_query]
          pipelines:
            traces:
              receivers: [otlp]
              processors: []
              exporters: [jaeger_storage_exporter]
          telemetry:
            metrics:
              level: none
            logs:
              level: warn
        extensions:
          jaeger_storage:
            backends:
              memstore:
                memory:
                  max_traces: 10000
          jaeger_query:
            storage:
              traces: memstore
            http:
              endpoint: 127.0.0.1:%d
            grpc:
              endpoint: 127.0.0.1:%d
        receivers:
          otlp:
            protocols:
              http:
                endpoint: 127.0.0.1:%d
        exporters:
          jaeger_storage_exporter:
            trace_storage: memstore
        """
        .formatted(query, queryGrpc, otlp);
  }

  /** The OTLP/HTTP base endpoint; exporters append {@code /v1/traces}. */
  public String otlpEndpoint() {
    return "http://127.0.0.1:" + otlpPort;
  }

  /** The query API's base, for example {@code http://127.0.0.1:PORT/api/traces/{traceId}}. */
  public String queryUrl() {
    return "http://127.0.0.1:" + queryPort;
  }

  /** The JSON of {@code GET /api/traces/{traceId}}, or null while Jaeger does not know it. */
  public String trace(String traceId) {
    return get("/api/traces/" + traceId);
  }

  /** The JSON of {@code GET /api/traces?service=...} (the latest traces of a service). */
  public String traces(String service) {
    return get("/api/traces?limit=100&lookback=1h&service=" + service);
  }

  private String get(String path) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(queryUrl() + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitListening(int port, Duration timeout) {
    Tools.awaitListening("Jaeger", process, port, timeout, log);
  }

  @Override
  public void close() {
    Tools.stop(process);
  }
}
