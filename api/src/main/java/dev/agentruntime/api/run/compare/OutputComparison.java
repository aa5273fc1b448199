package dev.agentruntime.api.run.compare;

import dev.agentruntime.api.run.ArtifactEntity;
import dev.agentruntime.api.run.ArtifactRepository;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.ObjectStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether two runs answered the same: byte-identical outputs are equal; two JSON outputs are equal
 * when their canonical forms (RFC 8785) are, whatever their key order or spacing; anything else
 * that differs in its bytes differs.
 */
@ApplicationScoped
public class OutputComparison {

  /** How two outputs were compared, as the answer names it. */
  public static final String BY_BYTES = "bytes";

  public static final String BY_CANONICAL_JSON = "canonical-json";

  /**
   * The largest JSON output read to compare it canonically (1 MiB): larger ones are compared by
   * their bytes, so a comparison stays a bounded read.
   */
  static final long MAX_JSON_BYTES = 1024 * 1024;

  private static final String JSON = "application/json";

  /**
   * @param equal null when it cannot be told: a run has no output, or the store did not serve one
   * @param by how it was told, null when it was not
   */
  public record Result(Boolean equal, String by) {
    static final Result UNKNOWN = new Result(null, null);
  }

  private final ArtifactRepository artifacts;
  private final ObjectStore objects;

  public OutputComparison(ArtifactRepository artifacts, ObjectStore objects) {
    this.artifacts = artifacts;
    this.objects = objects;
  }

  public Result compare(String tenantId, UUID a, UUID b) {
    Optional<ArtifactEntity> first = artifacts.find(tenantId, a, RunObjectKeys.OUTPUT_ARTIFACT);
    Optional<ArtifactEntity> second = artifacts.find(tenantId, b, RunObjectKeys.OUTPUT_ARTIFACT);
    if (first.isEmpty() || second.isEmpty()) {
      return Result.UNKNOWN;
    }
    ArtifactEntity x = first.get();
    ArtifactEntity y = second.get();
    if (x.sha256.equals(y.sha256) && x.sizeBytes == y.sizeBytes) {
      return new Result(true, BY_BYTES);
    }
    if (!isComparableJson(x) || !isComparableJson(y)) {
      return new Result(false, BY_BYTES);
    }
    try {
      Optional<String> left = objects.findText(x.objectKey);
      Optional<String> right = objects.findText(y.objectKey);
      if (left.isEmpty() || right.isEmpty()) {
        return Result.UNKNOWN;
      }
      return new Result(
          CanonicalJson.canonicalize(left.get()).equals(CanonicalJson.canonicalize(right.get())),
          BY_CANONICAL_JSON);
    } catch (ObjectStoreException e) {
      return Result.UNKNOWN;
    } catch (IllegalArgumentException e) {
      // Not I-JSON (a number a double cannot hold, a duplicate key): its bytes decide.
      return new Result(false, BY_BYTES);
    }
  }

  private static boolean isComparableJson(ArtifactEntity output) {
    return JSON.equals(output.contentType) && output.sizeBytes <= MAX_JSON_BYTES;
  }
}
