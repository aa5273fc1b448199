package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.standalone.StackSettings;
import java.util.Map;

/** The settings every benchmark phase starts its stack with. */
final class BenchStack {

  private BenchStack() {}

  /**
   * The packaged API and worker on free ports, on the given Temporal server, under the bench home;
   * the per-tenant admission limit and cap on open event streams raised so high that neither
   * answers 429 here (the SSE phase opens hundreds of streams for one tenant).
   */
  static StackSettings settings(BenchOptions options, String temporalTarget) {
    return settings(options, temporalTarget, Map.of());
  }

  /** The same with the worker's own properties (its slots, for a phase that limits them). */
  static StackSettings settings(
      BenchOptions options, String temporalTarget, Map<String, String> workerProperties) {
    return settings(
        options, Map.of(StackSettings.External.TEMPORAL_TARGET, temporalTarget), workerProperties);
  }

  /** On the services {@code external} names ({@link BenchServer#external}). */
  static StackSettings settings(
      BenchOptions options,
      Map<StackSettings.External, String> external,
      Map<String, String> workerProperties) {
    return new StackSettings(
        options.home().resolve("stack"),
        options.apiApp(),
        options.workerApp(),
        Ports.free(),
        Ports.free(),
        0,
        external,
        Map.of(
            "agent-runtime.limits.run-admissions-per-second",
            "1000000",
            "agent-runtime.streams.max-per-tenant",
            "1000000"),
        workerProperties);
  }
}
