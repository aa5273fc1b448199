package dev.agentruntime.core.activity;

import java.util.UUID;

/**
 * How one step of a pipeline ended, as later steps read it.
 *
 * @param childRunId its last child run; {@code null} when none was started (a refused step)
 * @param error why it failed; {@code null} when it succeeded
 */
public record PipelineStepEnd(String name, UUID childRunId, boolean succeeded, String error) {}
