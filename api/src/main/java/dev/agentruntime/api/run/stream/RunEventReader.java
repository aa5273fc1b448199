package dev.agentruntime.api.run.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.run.RunEventResponse;
import dev.agentruntime.core.run.RunEventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads timelines for event streams with plain JDBC on the API's pool, off the request and off the
 * event loop: a stream's reads happen on the streams' own threads, outside any request scope, where
 * a Hibernate session would have to be opened and closed for every wake-up. Every method takes the
 * tenant first and every query is scoped to it.
 */
@ApplicationScoped
public class RunEventReader {

  /** An event as a stream sends it: its seq, its type, and the JSON a JSON page item is. */
  record StreamedEvent(int seq, String type, String json) {
    boolean terminal() {
      return RunEventTypes.TERMINAL.contains(type);
    }
  }

  private final DataSource dataSource;
  private final ObjectMapper json;

  public RunEventReader(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  public boolean runExists(String tenantId, UUID runId) {
    return query(
        "select 1 from run where tenant_id = ? and id = ?",
        tenantId,
        runId,
        s -> {},
        rs -> rs.next());
  }

  /** Up to {@code limit} events with a seq above {@code afterSeq}, in order. */
  List<StreamedEvent> after(String tenantId, UUID runId, int afterSeq, int limit) {
    return query(
        "select seq, type, payload::text, created_at from run_event"
            + " where tenant_id = ? and run_id = ? and seq > ? order by seq limit ?",
        tenantId,
        runId,
        s -> {
          s.setInt(3, afterSeq);
          s.setInt(4, limit);
        },
        rs -> {
          List<StreamedEvent> events = new ArrayList<>();
          while (rs.next()) {
            events.add(toStreamed(rs));
          }
          return events;
        });
  }

  /** Whether the run's timeline is closed, i.e. holds its terminal event. */
  public boolean ended(String tenantId, UUID runId) {
    return query(
        "select 1 from run_event where tenant_id = ? and run_id = ? and type = any(?) limit 1",
        tenantId,
        runId,
        s -> s.setArray(3, s.getConnection().createArrayOf("text", terminalTypes())),
        rs -> rs.next());
  }

  private StreamedEvent toStreamed(ResultSet rs) throws SQLException {
    int seq = rs.getInt(1);
    String type = rs.getString(2);
    try {
      // The same record and mapper as a JSON page, so a streamed event reads exactly as a listed
      // one.
      String body =
          json.writeValueAsString(
              new RunEventResponse(
                  seq,
                  type,
                  json.readTree(rs.getString(3)),
                  rs.getObject(4, OffsetDateTime.class).toInstant()));
      return new StreamedEvent(seq, type, body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored event payload is not readable", e);
    }
  }

  private static String[] terminalTypes() {
    return RunEventTypes.TERMINAL.toArray(String[]::new);
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, String tenantId, UUID runId, Binder more, Reader<T> reader) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenantId);
      s.setObject(2, runId);
      more.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        return reader.read(rs);
      }
    } catch (SQLException e) {
      // Unchecked with the cause kept: the problem mapper answers 503 for an unreachable database.
      throw new IllegalStateException("reading run events failed", e);
    }
  }
}
