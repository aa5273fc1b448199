package dev.agentruntime.worker.store;

import dev.agentruntime.core.run.event.ArtifactCreated;
import dev.agentruntime.storage.StoredObject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

  private static final String SAVE =
      "insert into artifact (id, tenant_id, run_id, name, content_type, size_bytes, sha256,"
          + " object_key) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (run_id, name) do update"
          + " set content_type = excluded.content_type, size_bytes = excluded.size_bytes,"
          + " sha256 = excluded.sha256, object_key = excluded.object_key"
          + " where artifact.tenant_id = excluded.tenant_id";

  /**
   * Records an artifact, one row per run and name, and its {@code artifact.created} event under
   * {@code eventKey}, in one round trip: the driver sends both statements before one Sync, so
   * PostgreSQL commits them together. A repeated write of the same name (a retried activity, or the
   * model rewriting a file) keeps the row's id and refreshes its metadata, so the row always
   * describes the object under its key; the event is appended once per key.
   *
   * @return the event's sequence number, or 0 when the run has ended (the row is still written)
   */
  public int saveAndAnnounce(
      String tenantId,
      UUID runId,
      String name,
      String contentType,
      StoredObject object,
      String eventKey,
      ArtifactCreated payload) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SAVE + "; " + RunEventRepository.APPEND)) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, tenantId);
      ps.setObject(3, runId);
      ps.setString(4, name);
      ps.setString(5, contentType);
      ps.setLong(6, object.sizeBytes());
      ps.setString(7, object.sha256());
      ps.setString(8, object.key());
      RunEventRepository.setAppend(ps, 9, tenantId, runId, eventKey, payload);
      ps.execute();
      ps.getMoreResults();
      try (ResultSet rs = ps.getResultSet()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new StoreException("artifact " + name + " of run " + runId + " not recorded", e);
    }
  }
}
