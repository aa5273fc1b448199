package dev.agentruntime.worker.store;

import dev.agentruntime.core.run.event.RunEventJson;
import dev.agentruntime.core.run.event.RunEventPayload;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A run's timeline. Appends go through the database function {@code append_run_event}, which is
 * idempotent by event key: the same key always yields the same sequence number. Payloads are core's
 * records ({@link RunEventPayload}), written and read by {@link RunEventJson}, so the worker writes
 * exactly the shapes the API documents.
 */
@Singleton
public class RunEventRepository {

  private final DataSource dataSource;

  public RunEventRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Appends the event unless its key is already recorded; returns its sequence number, or 0 when
   * the run has ended and the event is not its terminal one (a closed timeline takes no more).
   */
  public int append(String tenantId, UUID runId, String eventKey, RunEventPayload payload) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(APPEND)) {
      setAppend(ps, 1, tenantId, runId, eventKey, payload);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new StoreException("event " + eventKey + " of run " + runId + " not recorded", e);
    }
  }

  /**
   * A completed step in one round trip and one commit: appends its event as {@link #append} does
   * and records the step on the run ({@link RunRepository#recordStep}). The driver sends both
   * statements before one Sync, so PostgreSQL runs them as one implicit transaction: the run's step
   * count never runs ahead of, or behind, the event that justifies it.
   *
   * @return the event's sequence number, or 0 when the run has ended (nothing is recorded)
   */
  public int appendStep(
      String tenantId, UUID runId, String eventKey, RunEventPayload payload, int step) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(APPEND + "; " + RunRepository.RECORD_STEP)) {
      setAppend(ps, 1, tenantId, runId, eventKey, payload);
      RunRepository.setRecordStep(ps, 6, tenantId, runId, step);
      ps.execute();
      try (ResultSet rs = ps.getResultSet()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new StoreException("step " + step + " of run " + runId + " not recorded", e);
    }
  }

  /** The payload of the event recorded under {@code eventKey}, if any, as its type's record. */
  public Optional<RunEventPayload> find(String tenantId, UUID runId, String eventKey) {
    String sql =
        "select type, payload::text from run_event"
            + " where tenant_id = ? and run_id = ? and event_key = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, runId);
      ps.setString(3, eventKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(RunEventJson.read(rs.getString(1), rs.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("event " + eventKey + " of run " + runId + " not read", e);
    }
  }

  /** Appends one event; parameters set by {@link #setAppend}. */
  static final String APPEND = "select append_run_event(?, ?, ?, ?, ?::jsonb)";

  /**
   * Sets the parameters of {@link #APPEND}, the first at {@code first}. The type is the payload
   * record's, so the worker can append no type but core's, and no payload but its type's.
   */
  static void setAppend(
      PreparedStatement ps,
      int first,
      String tenantId,
      UUID runId,
      String eventKey,
      RunEventPayload payload)
      throws SQLException {
    ps.setString(first, tenantId);
    ps.setObject(first + 1, runId);
    ps.setString(first + 2, eventKey);
    ps.setString(first + 3, payload.type());
    ps.setString(first + 4, RunEventJson.write(payload));
  }
}
