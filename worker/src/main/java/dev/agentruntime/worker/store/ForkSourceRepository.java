package dev.agentruntime.worker.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** What a fork reads of the run it was forked from, with plain JDBC; tenant-first. */
@Singleton
public class ForkSourceRepository {

  private final DataSource dataSource;

  public ForkSourceRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A fork's source as the fork's row names it.
   *
   * @param forkStep the fork's first live step
   * @param purging whether the source's purge has begun (its objects may be gone)
   */
  public record ForkSource(UUID sourceRunId, int forkStep, boolean purging) {}

  /** An approval granted in the source, in the order it was granted. */
  public record ApprovedCall(
      String approvalId, int step, int callIndex, String tool, String sha256, String decidedBy) {}

  /** The source of fork {@code runId}; empty when the run is not a fork or its source is gone. */
  public Optional<ForkSource> find(String tenantId, UUID runId) {
    String sql =
        "select f.source_run_id, f.fork_step, s.purge_started_at is not null from run f"
            + " join run s on s.tenant_id = f.tenant_id and s.id = f.source_run_id"
            + " where f.tenant_id = ? and f.id = ? and f.source_kind = 'fork'";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new ForkSource(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBoolean(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("the source of run " + runId + " could not be read", e);
    }
  }

  /** The approvals granted in {@code sourceRunId} for calls of steps before {@code step}. */
  public List<ApprovedCall> approvedBefore(String tenantId, UUID sourceRunId, int step) {
    String sql =
        "select id, step, call_index, tool_name, arguments_sha256, decided_by from run_approval"
            + " where tenant_id = ? and run_id = ? and step < ? and status = 'approved'"
            + " order by step, call_index, decided_at";
    List<ApprovedCall> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, sourceRunId);
      ps.setInt(3, step);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ApprovedCall(
                  rs.getString(1),
                  rs.getInt(2),
                  rs.getInt(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("the approvals of run " + sourceRunId + " could not be read", e);
    }
  }
}
