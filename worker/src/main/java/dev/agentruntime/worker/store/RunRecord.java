package dev.agentruntime.worker.store;

import dev.agentruntime.core.run.RunStatus;
import java.util.UUID;

/**
 * The parts of a run row the worker reads.
 *
 * @param inputJson the run's input as JSON text
 */
public record RunRecord(
    String tenantId,
    UUID id,
    UUID agentVersionId,
    String workflowId,
    RunStatus status,
    String inputJson) {}
