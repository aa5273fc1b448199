package dev.agentruntime.core.run;

import dev.agentruntime.core.tenant.BudgetExceeded;
import dev.agentruntime.core.tenant.TenantBudgets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The one admission path of a run, for every origin and every caller (the API's {@code POST
 * /v1/runs}; a worker starting a child run, a schedule or a trigger). The rules live in the
 * database function {@code admit_run} (V10, parents since V11, schedules since V13): one statement
 * that resolves the tenant's agent and version, writes the queued run with its {@code run.queued}
 * event and honours the idempotency key. It commits on its own when it returns, so the caller must
 * not hold a transaction open around it that could still roll the run back after it was dispatched.
 * Plain JDBC keeps it callable from both modules without an ORM.
 */
public final class RunAdmissions {

  private static final String ADMIT =
      "select outcome, run_id, agent_id, agent_name, agent_version_id, agent_version,"
          + " workflow_id, created_at, dispatched"
          + " from admit_run(?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?)";

  /** The SQLSTATE of a run refused because its tenant is suspended (V18). */
  private static final String TENANT_SUSPENDED = "AR001";

  /** The SQLSTATE of a run refused because its tenant is over a budget's hard limit (V22). */
  private static final String OVER_BUDGET = "AR002";

  private final DataSource dataSource;
  private final TenantBudgets budgets;

  public RunAdmissions(DataSource dataSource) {
    this.dataSource = dataSource;
    this.budgets = new TenantBudgets(dataSource);
  }

  /**
   * Admits a run, or answers why not. Nothing is written unless the outcome is {@link
   * Admission.Admitted}.
   *
   * @throws AdmissionFailed when the database could not answer (its cause says why)
   */
  public Admission admit(AdmissionRequest request) {
    try {
      return insert(request);
    } catch (OverBudgetRefusal refusal) {
      try {
        Optional<BudgetExceeded> exceeded = budgets.exceeded(request.tenantId());
        if (exceeded.isPresent()) {
          return new Admission.OverBudget(exceeded.get());
        }
        // The period reset between the refusal and this read: the budget is whole again.
        return insert(request);
      } catch (SQLException | OverBudgetRefusal e) {
        throw new AdmissionFailed("could not admit run " + request.runId(), refusal.cause);
      }
    } catch (SQLException e) {
      throw new AdmissionFailed("could not admit run " + request.runId(), e);
    }
  }

  private Admission insert(AdmissionRequest request) throws SQLException, OverBudgetRefusal {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement admit = connection.prepareStatement(ADMIT)) {
      admit.setString(1, request.tenantId());
      admit.setObject(2, request.runId());
      admit.setObject(3, request.agentId(), Types.OTHER);
      admit.setString(4, request.agentName());
      setInteger(admit, 5, request.version());
      admit.setString(6, request.inputJson());
      admit.setString(7, request.idempotencyKey());
      admit.setString(8, request.requestHash());
      admit.setString(9, request.origin().wireName());
      admit.setString(10, request.createdBy());
      ChildReservation child = request.child();
      admit.setObject(11, child == null ? null : child.parentRunId(), Types.OTHER);
      setInteger(admit, 12, child == null ? null : child.maxSteps());
      setInteger(
          admit, 13, child == null ? null : (int) Math.min(child.maxTokens(), Integer.MAX_VALUE));
      setInteger(admit, 14, child == null ? null : child.maxDepth());
      ScheduledFire fire = request.schedule();
      admit.setObject(15, fire == null ? null : fire.scheduleId(), Types.OTHER);
      admit.setObject(
          16,
          fire == null ? null : OffsetDateTime.ofInstant(fire.scheduledAt(), ZoneOffset.UTC),
          Types.TIMESTAMP_WITH_TIMEZONE);
      admit.setString(17, request.alias());
      admit.setString(18, request.routingKey());
      RunSource source = request.source();
      admit.setObject(19, source == null ? null : source.runId(), Types.OTHER);
      admit.setString(20, source == null ? null : source.kind().wireName());
      setInteger(admit, 21, source == null ? null : source.forkStep());
      try (ResultSet row = admit.executeQuery()) {
        if (!row.next()) {
          throw new AdmissionFailed("admit_run answered nothing for run " + request.runId(), null);
        }
        return outcome(request.tenantId(), row);
      }
    } catch (SQLException e) {
      if (TENANT_SUSPENDED.equals(e.getSQLState())) {
        return new Admission.TenantSuspended();
      }
      if (OVER_BUDGET.equals(e.getSQLState())) {
        throw new OverBudgetRefusal(e);
      }
      throw e;
    }
  }

  /** The insert was refused for a budget; which one is read afterwards. */
  private static final class OverBudgetRefusal extends Exception {
    private final SQLException cause;

    OverBudgetRefusal(SQLException cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }

  private static void setInteger(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  private static Admission outcome(String tenantId, ResultSet row) throws SQLException {
    String outcome = row.getString("outcome");
    return switch (outcome) {
      case "admitted" ->
          new Admission.Admitted(
              queued(tenantId, row), row.getObject("created_at", OffsetDateTime.class).toInstant());
      case "replayed" ->
          new Admission.Replayed(queued(tenantId, row), row.getBoolean("dispatched"));
      case "key_reused" -> new Admission.KeyReused();
      case "not_found" -> new Admission.NotFound();
      default -> throw new AdmissionFailed("admit_run answered '" + outcome + "'", null);
    };
  }

  private static QueuedRun queued(String tenantId, ResultSet row) throws SQLException {
    return new QueuedRun(
        tenantId,
        row.getObject("run_id", UUID.class),
        row.getObject("agent_id", UUID.class),
        row.getString("agent_name"),
        row.getObject("agent_version_id", UUID.class),
        row.getInt("agent_version"),
        row.getString("workflow_id"));
  }

  /**
   * The database did not answer an admission. The run may still have been written (a connection
   * lost after the commit): a retry with the same idempotency key answers it.
   */
  public static final class AdmissionFailed extends RuntimeException {
    AdmissionFailed(String message, SQLException cause) {
      super(message, cause);
    }
  }
}
