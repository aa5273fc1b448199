package dev.agentruntime.api.run;

import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.RunEventJson;
import dev.agentruntime.core.run.event.RunQueued;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The two statements of admission, in plain JDBC because they are the request path of {@code POST
 * /v1/runs}: one read that resolves the agent and its version together, and one write that inserts
 * the run with its {@code run.queued} event. The write is a single statement, atomic on its own, so
 * it commits (and is durable) when it returns without a transaction of its own around it; entities
 * and a session would add a flush and round trips and hold nothing worth caching. Every method
 * takes the tenant first.
 */
@ApplicationScoped
public class AdmissionRepository {

  /** The agent and version a new run is pinned to. */
  public record PinnedVersion(UUID agentId, String agentName, UUID versionId, int version) {}

  private static final String RESOLVE =
      "select a.id, a.name, v.id, v.version from agent a"
          + " join agent_version v on v.tenant_id = a.tenant_id and v.agent_id = a.id"
          + " where a.tenant_id = ? and ";

  // The run is new (a random id nobody else has seen before the commit), so its first event is
  // seq 1; append_run_event's lock and max(seq) would find nothing to order against. The foreign
  // key of run_event is checked at the end of the statement, after the run row is in.
  private static final String INSERT =
      "with new_run as ("
          + " insert into run (id, tenant_id, agent_id, agent_version_id, workflow_id, status,"
          + " input, idempotency_key, request_hash, created_at, created_by)"
          + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)"
          + " returning tenant_id, id)"
          + " insert into run_event (tenant_id, run_id, seq, type, event_key, payload)"
          + " select tenant_id, id, 1, ?, ?, cast(? as jsonb) from new_run";

  private final DataSource dataSource;

  public AdmissionRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The agent (by id or by name, whichever is given) with the named version, or its latest one when
   * {@code version} is null; empty when either does not exist in the tenant.
   */
  public Optional<PinnedVersion> resolve(
      String tenantId, UUID agentId, String agentName, Integer version) {
    String sql =
        RESOLVE
            + (agentId != null ? "a.id = ?" : "a.name = ?")
            + (version != null ? " and v.version = ?" : " order by v.version desc limit 1");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, tenantId);
      if (agentId != null) {
        select.setObject(2, agentId);
      } else {
        select.setString(2, agentName);
      }
      if (version != null) {
        select.setInt(3, version);
      }
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new PinnedVersion(
                row.getObject(1, UUID.class),
                row.getString(2),
                row.getObject(3, UUID.class),
                row.getInt(4)));
      }
    } catch (SQLException e) {
      throw new PersistenceException("could not resolve the agent version of a run", e);
    }
  }

  /**
   * Inserts a queued run and its {@code run.queued} event in one statement.
   *
   * @param createdBy who started the run, recorded as its author
   * @throws PersistenceException on any failure, a concurrent insert of the same idempotency key
   *     among them (its cause is the unique violation)
   */
  public void insertQueued(
      String tenantId,
      QueuedRun run,
      String inputJson,
      String idempotencyKey,
      String requestHash,
      Instant createdAt,
      String createdBy) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setObject(1, run.runId());
      insert.setString(2, tenantId);
      insert.setObject(3, run.agentId());
      insert.setObject(4, run.agentVersionId());
      insert.setString(5, run.workflowId());
      insert.setString(6, RunStatus.QUEUED.wireName());
      insert.setString(7, inputJson);
      if (idempotencyKey == null) {
        insert.setNull(8, Types.VARCHAR);
      } else {
        insert.setString(8, idempotencyKey);
      }
      insert.setString(9, requestHash);
      insert.setObject(10, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
      insert.setString(11, createdBy);
      RunQueued queued = new RunQueued(run.agentName(), run.agentVersion());
      insert.setString(12, queued.type());
      insert.setString(13, RunEventKeys.QUEUED);
      insert.setString(14, RunEventJson.write(queued));
      if (insert.executeUpdate() != 1) {
        throw new PersistenceException("run " + run.runId() + " was not inserted");
      }
    } catch (SQLException e) {
      throw new PersistenceException("could not insert run " + run.runId(), e);
    }
  }
}
