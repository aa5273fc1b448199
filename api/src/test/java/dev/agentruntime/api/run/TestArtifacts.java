package dev.agentruntime.api.run;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.UUID;

/** Artifacts of runs written as the worker writes them: the object into S3, then its row. */
public final class TestArtifacts {

  private TestArtifacts() {}

  /** Puts {@code content} into the store the API reads (bucket made as the worker makes it). */
  public static StoredObject store(
      ObjectStore objects, String tenant, String runId, String name, String content, String type)
      throws Exception {
    objects.ensureBucket();
    StoredObject object =
        objects.putText(
            RunObjectKeys.artifact(tenant, UUID.fromString(runId), name), content, type);
    insertRow(tenant, runId, name, type, object.sizeBytes(), object.sha256());
    return object;
  }

  /** Only the row, for a store that is down: its object key is where the worker would put it. */
  public static void insertRow(
      String tenant, String runId, String name, String type, long sizeBytes, String sha256)
      throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "insert into artifact (id, tenant_id, run_id, name, content_type, size_bytes,"
                    + " sha256, object_key) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setObject(1, UUID.randomUUID());
      s.setString(2, tenant);
      s.setObject(3, UUID.fromString(runId));
      s.setString(4, name);
      s.setString(5, type);
      s.setLong(6, sizeBytes);
      s.setString(7, sha256);
      s.setString(8, RunObjectKeys.artifact(tenant, UUID.fromString(runId), name));
      s.executeUpdate();
    }
  }

  public static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
