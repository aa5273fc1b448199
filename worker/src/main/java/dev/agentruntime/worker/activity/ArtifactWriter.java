package dev.agentruntime.worker.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.storage.ObjectStore;
import dev.agentruntime.worker.storage.StoredObject;
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
    ObjectNode payload =
        Json.object()
            .put("name", name)
            .put("contentType", contentType)
            .put("sizeBytes", object.sizeBytes())
            .put("sha256", object.sha256());
    artifacts.saveAndAnnounce(tenantId, runId, name, contentType, object, eventKey, payload);
    return object;
  }
}
