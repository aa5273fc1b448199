package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.standalone.StackSettings;
import java.util.Map;

/** The settings every benchmark phase starts its stack with. */
final class BenchStack {

  private BenchStack() {}

  /**
   * The packaged API and worker on free ports, on the given Temporal server, under the bench home;
   * the per-tenant admission limit raised so high that the limiter never answers 429 here.
   */
  static StackSettings settings(BenchOptions options, String temporalTarget) {
    return new StackSettings(
        options.home().resolve("stack"),
        options.apiApp(),
        options.workerApp(),
        Ports.free(),
        Ports.free(),
        0,
        Map.of(StackSettings.External.TEMPORAL_TARGET, temporalTarget),
        Map.of("agent-runtime.limits.run-admissions-per-second", "1000000"),
        Map.of());
  }
}
