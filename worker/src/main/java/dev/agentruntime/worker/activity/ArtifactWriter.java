package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.run.event.ArtifactCreated;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.StoredObject;
import dev.agentruntime.worker.store.ArtifactRepository;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Stores an artifact of a run: the object under its derived key, then its metadata row and an
 * {@code artifact.created} event in one commit. Every part is keyed, so repeating the write repeats
 * nothing.
 */
@Singleton
public class ArtifactWriter {

  private final ObjectStore objects;
  private final ArtifactRepository artifacts;

  public ArtifactWriter(ObjectStore objects, ArtifactRepository artifacts) {
    this.objects = objects;
    this.artifacts = artifacts;
  }

  public StoredObject write(
      String tenantId,
      UUID runId,
      String name,
      String content,
      String contentType,
      String eventKey) {
    StoredObject object =
        objects.putText(RunObjectKeys.artifact(tenantId, runId, name), content, contentType);
    artifacts.saveAndAnnounce(
        tenantId,
        runId,
        name,
        contentType,
        object,
        eventKey,
        new ArtifactCreated(name, contentType, object.sizeBytes(), object.sha256()));
    return object;
  }
}
