package dev.agentruntime.core.activity;

import java.util.UUID;

/** A step of pipeline run {@code runId} ended, after {@code attempts} child runs. */
public record PipelineStepRecord(
    String tenantId, UUID runId, int stage, int member, int attempts, PipelineStepEnd end) {}
