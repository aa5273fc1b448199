package dev.agentruntime.api.run;

import java.time.Instant;
import java.util.UUID;

/** Metadata of an object a run stored. */
public record ArtifactResponse(
    UUID id,
    String name,
    String contentType,
    long sizeBytes,
    String sha256,
    String objectKey,
    Instant createdAt) {

  static ArtifactResponse of(ArtifactEntity artifact) {
    return new ArtifactResponse(
        artifact.id,
        artifact.name,
        artifact.contentType,
        artifact.sizeBytes,
        artifact.sha256,
        artifact.objectKey,
        artifact.createdAt);
  }
}
