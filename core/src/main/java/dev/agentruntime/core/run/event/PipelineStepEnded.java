package dev.agentruntime.core.run.event;

import java.util.UUID;

/**
 * {@code pipeline.step.ended}: step {@code name} of a pipeline run ended, in stage {@code stage}
 * (from 1), after {@code attempts} child runs.
 *
 * @param childRunId its last child run; absent when none was started (its input could not be built,
 *     or the pipeline's limits could not hold it)
 * @param status {@code succeeded} or {@code failed}
 * @param error why it failed; absent when it succeeded
 */
public record PipelineStepEnded(
    int stage, String name, int attempts, UUID childRunId, String status, String error)
    implements RunEventPayload {}
