package dev.agentruntime.core.run.event;

/** {@code artifact.created}: an object of the run was stored (the output, a tool's file). */
public record ArtifactCreated(String name, String contentType, long sizeBytes, String sha256)
    implements RunEventPayload {}
