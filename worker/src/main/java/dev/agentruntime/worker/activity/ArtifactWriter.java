package dev.agentruntime.worker.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.storage.ObjectStore;
import dev.agentruntime.worker.storage.StoredObject;
import dev.agentruntime.worker.store.ArtifactRepository;
import dev.agentruntime.worker.store.RunEventRepository;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Stores an artifact of a run: the object under its derived key, its metadata row and an {@code
 * artifact.created} event. Every part is keyed, so repeating the write repeats nothing.
 */
@Singleton
public class ArtifactWriter {

  private final ObjectStore objects;
  private final ArtifactRepository artifacts;
  private final RunEventRepository events;

  public ArtifactWriter(
      ObjectStore objects, ArtifactRepository artifacts, RunEventRepository events) {
    this.objects = objects;
    this.artifacts = artifacts;
    this.events = events;
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
    artifacts.save(tenantId, runId, name, contentType, object);
    ObjectNode payload =
        Json.object()
            .put("name", name)
            .put("contentType", contentType)
            .put("sizeBytes", object.sizeBytes())
            .put("sha256", object.sha256());
    events.append(tenantId, runId, eventKey, RunEventTypes.ARTIFACT_CREATED, payload);
    return object;
  }
}
