package dev.agentruntime.worker.store;

import dev.agentruntime.core.approval.ApprovalStatus;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Approval rows and the run status they imply, with plain JDBC; every method is tenant-first. */
@Singleton
public class ApprovalRepository {

  /** A pending approval as the worker records it. */
  public record Pending(
      String approvalId,
      String tenantId,
      UUID runId,
      int step,
      int callIndex,
      String toolCallId,
      String toolName,
      String arguments,
      String argumentsSha256,
      Instant expiresAt) {}

  private final DataSource dataSource;

  public ApprovalRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records the approval as pending, once (a retried request changes nothing), and marks a running
   * run as waiting for approval.
   */
  public void insertPending(Pending pending) {
    String insert =
        "insert into run_approval (id, tenant_id, run_id, step, call_index, tool_call_id,"
            + " tool_name, arguments, arguments_sha256, approver_roles, status, expires_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) on conflict do nothing";
    String waiting =
        "update run set status = 'waiting_for_approval', updated_at = now() where tenant_id = ?"
            + " and id = ? and status = 'running'";
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(insert);
          PreparedStatement run = c.prepareStatement(waiting)) {
        Array roles = c.createArrayOf("text", ApprovalStatus.APPROVER_ROLES.toArray());
        ps.setString(1, pending.approvalId());
        ps.setString(2, pending.tenantId());
        ps.setObject(3, pending.runId());
        ps.setInt(4, pending.step());
        ps.setInt(5, pending.callIndex());
        ps.setString(6, pending.toolCallId());
        ps.setString(7, pending.toolName());
        ps.setString(8, pending.arguments());
        ps.setString(9, pending.argumentsSha256());
        ps.setArray(10, roles);
        ps.setTimestamp(11, Timestamp.from(pending.expiresAt()));
        ps.executeUpdate();
        run.setString(1, pending.tenantId());
        run.setObject(2, pending.runId());
        run.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("approval " + pending.approvalId() + " not recorded", e);
    }
  }

  /**
   * Records an outcome on a pending approval (a decided one keeps its first outcome), and moves the
   * run back to running when nothing else of it waits.
   */
  public void decide(
      String tenantId,
      UUID runId,
      String approvalId,
      String status,
      String actor,
      String comment,
      Instant decidedAt) {
    String decide =
        "update run_approval set status = ?, decided_by = ?, decided_at = ?, comment = ? where"
            + " tenant_id = ? and run_id = ? and id = ? and status = 'pending'";
    String running =
        "update run set status = 'running', updated_at = now() where tenant_id = ? and id = ? and"
            + " status = 'waiting_for_approval' and not exists (select 1 from run_approval where"
            + " tenant_id = ? and run_id = ? and status = 'pending')";
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(decide);
          PreparedStatement run = c.prepareStatement(running)) {
        ps.setString(1, status);
        ps.setString(2, actor);
        ps.setTimestamp(3, Timestamp.from(decidedAt));
        ps.setString(4, comment);
        ps.setString(5, tenantId);
        ps.setObject(6, runId);
        ps.setString(7, approvalId);
        ps.executeUpdate();
        run.setString(1, tenantId);
        run.setObject(2, runId);
        run.setString(3, tenantId);
        run.setObject(4, runId);
        run.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("approval " + approvalId + " not decided", e);
    }
  }

  /** Its run ended: whatever was still pending will never be decided. */
  public void cancelPending(String tenantId, UUID runId) {
    String sql =
        "update run_approval set status = 'cancelled', decided_at = now() where tenant_id = ? and"
            + " run_id = ? and status = 'pending'";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, runId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("pending approvals of run " + runId + " not cancelled", e);
    }
  }
}
