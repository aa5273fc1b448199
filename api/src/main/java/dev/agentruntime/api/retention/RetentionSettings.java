package dev.agentruntime.api.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The operator's retention defaults (docs/operations.md#retention): how long a finished run keeps
 * its events, transcripts, agent state and artifacts when its tenant's policy does not say. A
 * tenant's policy overrides each of the two.
 */
@ConfigMapping(prefix = "agent-runtime.retention")
public interface RetentionSettings {

  /** Days a succeeded run keeps its data after it finished; default 30. */
  @WithDefault("30")
  int succeededRunsDays();

  /** Days a failed, cancelled or timed-out run keeps its data; default 90. */
  @WithDefault("90")
  int failedRunsDays();

  /** How often each replica runs a purge pass; default 10 minutes (read by the scheduler). */
  @WithDefault("10m")
  java.time.Duration purgeInterval();

  /** The most runs one purge pass marks and purges; default 100. */
  @WithDefault("100")
  int purgeBatch();
}
