package dev.agentruntime.core.run.event;

import java.util.UUID;

/**
 * {@code run.started}: the workflow took the run; the version is the run row's, not the input's.
 */
public record RunStarted(UUID agentVersionId, String workflowId) implements RunEventPayload {}
