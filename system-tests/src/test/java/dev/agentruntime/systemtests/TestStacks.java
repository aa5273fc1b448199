package dev.agentruntime.systemtests;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.standalone.StackSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the stacks the end-to-end tests start: the packaged apps, free ports, their Temporal.
 */
final class TestStacks {

  /** Tests start runs in bursts; the admission limit is exercised by the API's own tests. */
  static final Map<String, String> UNLIMITED_ADMISSIONS =
      Map.of("agent-runtime.limits.run-admissions-per-second", "1000");

  private TestStacks() {}

  /**
   * A stack in {@code home} on the Temporal server at {@code temporalTarget}, with {@code api} and
   * {@code worker} settings on top of the launcher's (the API's admission limit lifted).
   */
  static StackSettings settings(
      Path home, String temporalTarget, Map<String, String> api, Map<String, String> worker) {
    Map<String, String> apiSettings = new HashMap<>(UNLIMITED_ADMISSIONS);
    apiSettings.putAll(api);
    return new StackSettings(
        home.toAbsolutePath(),
        Path.of(System.getProperty("agent-runtime.api.app")),
        Path.of(System.getProperty("agent-runtime.worker.app")),
        Ports.free(),
        Ports.free(),
        0,
        Map.of(StackSettings.External.TEMPORAL_TARGET, temporalTarget),
        apiSettings,
        worker);
  }

  /** Traces exported to the OTLP endpoint {@code otlp} every 100 ms, for the API and the worker. */
  static Map<String, String> traced(String otlp) {
    return Map.of(
        "quarkus.otel.sdk.disabled", "false",
        "quarkus.otel.exporter.otlp.endpoint", otlp,
        "quarkus.otel.bsp.schedule.delay", "100ms");
  }
}
