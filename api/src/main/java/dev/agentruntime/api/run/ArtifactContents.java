package dev.agentruntime.api.run;

import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.ObjectStoreUnavailable;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.ObjectStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.UUID;

/**
 * The stored bytes of a run's artifacts. The object key always comes from the artifact's row of the
 * caller's tenant, never from the request, so a client cannot name another tenant's object.
 */
@ApplicationScoped
public class ArtifactContents {

  private final RunRepository runs;
  private final ArtifactRepository artifacts;
  private final ObjectStore objects;

  public ArtifactContents(RunRepository runs, ArtifactRepository artifacts, ObjectStore objects) {
    this.runs = runs;
    this.artifacts = artifacts;
    this.objects = objects;
  }

  /** An artifact's metadata with its bytes, open: the caller closes {@code content}. */
  public record Download(ArtifactEntity artifact, InputStream content) {}

  /**
   * @throws NotFound when the tenant has no such run, or the run no artifact of that name
   * @throws ObjectStoreUnavailable when the store does not answer or lacks the row's object
   */
  public Download open(String tenantId, UUID runId, String name) {
    if (!runs.exists(tenantId, runId)) {
      throw new NotFound("Run " + runId);
    }
    ArtifactEntity artifact =
        artifacts
            .find(tenantId, runId, name)
            .orElseThrow(() -> new NotFound("Artifact '" + name + "' of run " + runId));
    try {
      InputStream content =
          objects
              .open(artifact.objectKey)
              .orElseThrow(
                  () ->
                      new ObjectStoreUnavailable(
                          "the object store lacks the bytes of artifact '" + name + "'", null));
      return new Download(artifact, content);
    } catch (ObjectStoreException e) {
      throw new ObjectStoreUnavailable(
          "the object store did not serve artifact '" + name + "'; try again later", e);
    }
  }
}
