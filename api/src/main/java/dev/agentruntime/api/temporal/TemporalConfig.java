package dev.agentruntime.api.temporal;

import dev.agentruntime.core.temporal.TemporalConnectionConfig;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * Where the Temporal frontend is, how to connect to it (target, TLS, API key: {@link
 * TemporalConnectionConfig}, shared with the worker) and how patiently the API talks to it.
 */
@ConfigMapping(prefix = TemporalConnectionConfig.PREFIX)
public interface TemporalConfig extends TemporalConnectionConfig {

  String namespace();

  /**
   * How long one workflow start may take, retries included, before the run is left to the
   * reconciler.
   */
  Duration startTimeout();

  /** How long start-up keeps trying to register the search attributes. */
  Duration searchAttributesRetryFor();

  /**
   * How often the namespace is checked again while it lacks the run search attributes (runs start
   * without them meanwhile), so attributes an operator creates are used without a restart.
   */
  Duration searchAttributesRecheckInterval();
}
