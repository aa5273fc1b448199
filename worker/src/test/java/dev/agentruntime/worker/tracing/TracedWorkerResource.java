package dev.agentruntime.worker.tracing;

import dev.agentruntime.testkit.LocalJaeger;
import dev.agentruntime.worker.WorkerServicesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The worker's test services plus a real Jaeger v2, with the application's tracing turned on and
 * exporting there over OTLP http/protobuf, as a deployment would configure it. The workflow cache
 * is off, so every workflow task replays the run's whole history: a span opened in workflow code
 * would show up once per replay.
 */
public class TracedWorkerResource extends WorkerServicesResource {

  static LocalJaeger jaeger;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    try {
      jaeger = LocalJaeger.start(Files.createTempDirectory("jaeger"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.put("quarkus.otel.sdk.disabled", "false");
    config.put("quarkus.otel.exporter.otlp.endpoint", jaeger.otlpEndpoint());
    // Export within a fraction of a second instead of the default 5 s.
    config.put("quarkus.otel.bsp.schedule.delay", "100ms");
    config.put("agent-runtime.worker.workflow-cache-size", "0");
    return config;
  }

  @Override
  public void stop() {
    super.stop();
    if (jaeger != null) {
      jaeger.close();
    }
  }
}
