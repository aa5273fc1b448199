package dev.agentruntime.api.temporal;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Where the Temporal frontend is and how patiently the API talks to it. */
@ConfigMapping(prefix = "agent-runtime.temporal")
public interface TemporalConfig {

  /** gRPC target, for example {@code localhost:7233}. */
  String target();

  String namespace();

  /**
   * How long one workflow start may take, retries included, before the run is left to the
   * reconciler.
   */
  Duration startTimeout();

  /** How long start-up keeps trying to register the search attributes. */
  Duration searchAttributesRetryFor();
}
