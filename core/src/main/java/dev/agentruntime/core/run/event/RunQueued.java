package dev.agentruntime.core.run.event;

/** {@code run.queued}: the API admitted the run, pinned to this agent version. */
public record RunQueued(String agentName, int agentVersion) implements RunEventPayload {}
