package dev.agentruntime.core.workflow;

import java.util.UUID;

/**
 * What a run's workflow starts from: references only, so the history stays small. The spec and the
 * input are loaded by the first activity from the pinned agent version and the run row.
 */
public record RunWorkflowInput(
    String tenantId,
    UUID runId,
    UUID agentId,
    String agentName,
    UUID agentVersionId,
    int agentVersion) {}
