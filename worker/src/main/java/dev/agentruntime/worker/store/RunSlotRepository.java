package dev.agentruntime.worker.store;

import dev.agentruntime.core.activity.SlotClaim;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Claims and frees of concurrency slots, by the database's own functions (V17). */
@Singleton
public class RunSlotRepository {

  private final DataSource dataSource;

  public RunSlotRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public SlotClaim claim(String tenantId, UUID runId) {
    String sql =
        "select claim_run_slot(?, ?), (select parent_run_id is null from run"
            + " where tenant_id = ? and id = ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, runId);
      ps.setString(3, tenantId);
      ps.setObject(4, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new SlotClaim(rs.getBoolean(1), rs.getBoolean(2));
      }
    } catch (SQLException e) {
      throw new StoreException("slot of run " + runId + " not claimed", e);
    }
  }

  public List<String> toWake(String tenantId, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select runs_to_wake(?, ?)")) {
      ps.setString(1, tenantId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
        return ids;
      }
    } catch (SQLException e) {
      throw new StoreException("runs to wake of tenant " + tenantId + " not read", e);
    }
  }
}
