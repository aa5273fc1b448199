package dev.agentruntime.worker.temporal;

import dev.agentruntime.core.temporal.TemporalConnectionConfig;
import io.smallrye.config.ConfigMapping;

/**
 * The Temporal frontend the worker polls: the connection shared with the API, and the namespace.
 */
@ConfigMapping(prefix = TemporalConnectionConfig.PREFIX)
public interface TemporalConfig extends TemporalConnectionConfig {

  String namespace();
}
