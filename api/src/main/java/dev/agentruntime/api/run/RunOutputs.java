package dev.agentruntime.api.run;

import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.ObjectStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The {@code output} of runs: from the artifact's row, with its text read from the object store
 * only when one run is read, so that a listing costs no S3 request per run.
 */
@ApplicationScoped
public class RunOutputs {

  /**
   * The largest answer shown inline as {@code output.text} (16 KiB): enough for a short answer or a
   * small JSON document, small enough that reading a run stays one quick S3 request.
   */
  public static final int TEXT_CAP_BYTES = 16 * 1024;

  /** The media types the worker writes an answer in that are text a client can show as it is. */
  private static final Set<String> TEXT_TYPES = Set.of("text/plain", "application/json");

  private static final Logger LOG = Logger.getLogger(RunOutputs.class);

  private final ArtifactRepository artifacts;
  private final ObjectStore objects;

  public RunOutputs(ArtifactRepository artifacts, ObjectStore objects) {
    this.artifacts = artifacts;
    this.objects = objects;
  }

  /** The run's output with its text when small; empty while the run has none. */
  public Optional<RunOutput> withText(String tenantId, UUID runId) {
    return artifacts
        .find(tenantId, runId, RunObjectKeys.OUTPUT_ARTIFACT)
        .map(artifact -> of(artifact, text(artifact)));
  }

  /** The outputs of a page of runs, by run, without their text. */
  public Map<UUID, RunOutput> withoutText(String tenantId, Collection<UUID> runIds) {
    return artifacts
        .findForRuns(tenantId, runIds, RunObjectKeys.OUTPUT_ARTIFACT)
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> of(e.getValue(), null)));
  }

  static String href(UUID runId, String artifactName) {
    return "/v1/runs/" + runId + "/artifacts/" + artifactName + "/content";
  }

  private static RunOutput of(ArtifactEntity artifact, String text) {
    return new RunOutput(
        artifact.contentType, artifact.sizeBytes, text, href(artifact.runId, artifact.name));
  }

  /**
   * The text when small enough to show; null otherwise, and when the store does not answer: the run
   * is still worth answering with (its status, its href), so that is logged, not thrown.
   */
  private String text(ArtifactEntity artifact) {
    if (!TEXT_TYPES.contains(artifact.contentType) || artifact.sizeBytes > TEXT_CAP_BYTES) {
      return null;
    }
    try {
      Optional<String> text = objects.findText(artifact.objectKey);
      if (text.isEmpty()) {
        LOG.warnf(
            "run %s: the object store lacks its output %s", artifact.runId, artifact.objectKey);
      }
      return text.orElse(null);
    } catch (ObjectStoreException e) {
      LOG.warnf(
          "run %s: its output is answered without text, the object store did not serve it: %s",
          artifact.runId, e.getCause() == null ? e.getMessage() : e.getCause().toString());
      return null;
    }
  }
}
