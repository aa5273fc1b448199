package dev.agentruntime.worker.store;

import dev.agentruntime.worker.storage.StoredObject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** Metadata rows of a run's artifacts; the bytes live in the object store. */
@Singleton
public class ArtifactRepository {

  private final DataSource dataSource;

  public ArtifactRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records an artifact, one row per run and name. A repeated write of the same name (a retried
   * activity, or the model rewriting a file) keeps the row's id and refreshes its metadata, so the
   * row always describes the object under its key.
   */
  public void save(
      String tenantId, UUID runId, String name, String contentType, StoredObject object) {
    String sql =
        "insert into artifact (id, tenant_id, run_id, name, content_type, size_bytes, sha256,"
            + " object_key) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (run_id, name) do update"
            + " set content_type = excluded.content_type, size_bytes = excluded.size_bytes,"
            + " sha256 = excluded.sha256, object_key = excluded.object_key"
            + " where artifact.tenant_id = excluded.tenant_id";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, tenantId);
      ps.setObject(3, runId);
      ps.setString(4, name);
      ps.setString(5, contentType);
      ps.setLong(6, object.sizeBytes());
      ps.setString(7, object.sha256());
      ps.setString(8, object.key());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("artifact " + name + " of run " + runId + " not recorded", e);
    }
  }
}
