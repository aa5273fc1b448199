package dev.agentruntime.api.tracing;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.testkit.LocalJaeger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** The API's test services plus a real Jaeger v2 the API exports its traces to (OTLP http). */
public class TracedApiServices extends ApiTestServices {

  static LocalJaeger jaeger;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = super.start();
    try {
      jaeger = LocalJaeger.start(Files.createTempDirectory("jaeger"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.put("quarkus.otel.sdk.disabled", "false");
    config.put("quarkus.otel.exporter.otlp.endpoint", jaeger.otlpEndpoint());
    config.put("quarkus.otel.bsp.schedule.delay", "100ms");
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
