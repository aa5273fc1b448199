package dev.agentruntime.core.run.event;

/** {@code model.call.failed}: one failed attempt of a model step; attempts count from 1. */
public record ModelCallFailed(int step, int attempt, String error) implements RunEventPayload {}
