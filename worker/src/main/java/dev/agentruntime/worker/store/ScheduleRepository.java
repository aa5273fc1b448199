package dev.agentruntime.worker.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What a schedule's fire reads of its schedule (V13): the run it asks for. Read at each fire rather
 * than carried in the Temporal schedule's action, so Temporal's payloads stay small and a changed
 * input takes effect at the next fire. A schedule marked deleted no longer fires.
 */
@Singleton
public class ScheduleRepository {

  /** The run a fire asks for: the agent by name, its pinned version (null: latest), the input. */
  public record FireTarget(String agentName, Integer version, String inputJson) {}

  private final DataSource dataSource;

  public ScheduleRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The schedule's run, unless the tenant has no such schedule or it was deleted. */
  public Optional<FireTarget> findLive(String tenantId, UUID scheduleId) {
    String sql =
        "select agent_name, agent_version, input::text from schedule"
            + " where tenant_id = ? and id = ? and deleted_at is null";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, scheduleId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String agentName = rs.getString(1);
        int version = rs.getInt(2);
        Integer pinned = rs.wasNull() ? null : version;
        return Optional.of(new FireTarget(agentName, pinned, rs.getString(3)));
      }
    } catch (SQLException e) {
      throw new StoreException("schedule " + scheduleId + " not read", e);
    }
  }
}
