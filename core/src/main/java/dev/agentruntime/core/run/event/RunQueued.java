package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * {@code run.queued}: the API admitted the run, pinned to this agent version.
 *
 * @param alias the alias the run named, which resolved to {@code agentVersion}; absent otherwise
 * @param sourceRunId the run this one was forked or replayed from; absent otherwise
 * @param sourceKind {@code fork} or {@code replay} with a source; absent otherwise
 * @param forkStep for a fork, the first step that runs live; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunQueued(
    String agentName,
    int agentVersion,
    String alias,
    UUID sourceRunId,
    String sourceKind,
    Integer forkStep)
    implements RunEventPayload {

  public RunQueued(String agentName, int agentVersion) {
    this(agentName, agentVersion, null, null, null, null);
  }
}
