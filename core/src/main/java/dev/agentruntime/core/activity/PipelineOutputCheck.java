package dev.agentruntime.core.activity;

import java.util.UUID;

/**
 * The answer of a pipeline step's child run that succeeded, to hold to its agent's {@code
 * outputSchema}.
 *
 * @param childAgentVersionId the version the child ran, whose spec holds the schema
 */
public record PipelineOutputCheck(
    String tenantId, String step, UUID childRunId, UUID childAgentVersionId) {}
