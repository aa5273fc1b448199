package dev.agentruntime.worker.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.AgentSpecJson;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/** Runs and their pinned agent versions, with plain JDBC. Every method is tenant-scoped. */
@Singleton
public class RunRepository {

  private static final String NOT_TERMINAL =
      "status not in (" + RunStatus.sqlLiterals(RunStatus.TERMINAL) + ")";

  private final DataSource dataSource;

  /**
   * Agent versions are immutable (the database refuses updates), so a cached spec never stales. The
   * key holds the tenant as well as the version id: a lookup must answer only what the tenant's own
   * query would, even for an id another tenant's run has already cached.
   */
  private final ConcurrentMap<SpecKey, AgentSpec> specs = new ConcurrentHashMap<>();

  private record SpecKey(String tenantId, UUID agentVersionId) {}

  public RunRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<RunRecord> find(String tenantId, UUID runId) {
    String sql =
        "select agent_version_id, workflow_id, status, input::text, parent_run_id,"
            + " root_run_id, depth, max_steps, max_tokens, max_depth, fork_step from run"
            + " where tenant_id = ? and id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new RunRecord(
                tenantId,
                runId,
                rs.getObject(1, UUID.class),
                rs.getString(2),
                RunStatus.fromWireName(rs.getString(3)),
                rs.getString(4),
                rs.getObject(5) == null
                    ? null
                    : new RunRecord.Tree(
                        rs.getObject(5, UUID.class),
                        rs.getObject(6, UUID.class),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getInt(10)),
                rs.getObject(11, Integer.class)));
      }
    } catch (SQLException e) {
      throw new StoreException("run " + runId + " could not be read", e);
    }
  }

  /** The spec of an agent version, or empty when the tenant has no such version. */
  public Optional<AgentSpec> spec(String tenantId, UUID agentVersionId) {
    SpecKey key = new SpecKey(tenantId, agentVersionId);
    AgentSpec cached = specs.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    String sql = "select spec::text from agent_version where tenant_id = ? and id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, agentVersionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        AgentSpec spec = AgentSpecJson.read(rs.getString(1));
        specs.put(key, spec);
        return Optional.of(spec);
      }
    } catch (SQLException e) {
      throw new StoreException("agent version " + agentVersionId + " could not be read", e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "agent version " + agentVersionId + " holds an unreadable spec: " + e.getMessage(), e);
    }
  }

  /** A version of the tenant's agent of that name, or empty when the tenant has none such. */
  public Optional<AgentVersionRef> version(String tenantId, String agentName, int version) {
    String sql =
        "select v.id from agent a join agent_version v on v.tenant_id = a.tenant_id"
            + " and v.agent_id = a.id where a.tenant_id = ? and a.name = ? and v.version = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setString(2, agentName);
      ps.setInt(3, version);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        UUID id = rs.getObject(1, UUID.class);
        return spec(tenantId, id).map(spec -> new AgentVersionRef(id, spec));
      }
    } catch (SQLException e) {
      throw new StoreException("agent " + agentName + " v" + version + " could not be read", e);
    }
  }

  /**
   * The version the alias of the tenant's agent of that name names for {@code routingKey}, by the
   * one rule {@code admit_run} applies too ({@code resolve_alias}, V28); empty when the tenant has
   * no such agent or the agent no such alias.
   */
  public Optional<Integer> aliasVersion(
      String tenantId, String agentName, String alias, String routingKey) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select resolve_alias(?, ?, ?, ?)")) {
      ps.setString(1, tenantId);
      ps.setString(2, agentName);
      ps.setString(3, alias);
      ps.setString(4, routingKey);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        int version = rs.getInt(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(version);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "alias " + alias + " of agent " + agentName + " could not be resolved", e);
    }
  }

  /** An agent version found by its agent's name and its number. */
  public record AgentVersionRef(UUID id, AgentSpec spec) {}

  /** Moves a queued run to running; a run already past queued is left as it is. */
  public void markRunning(String tenantId, UUID runId) {
    update(
        "update run set status = 'running', started_at = coalesce(started_at, now()),"
            + " updated_at = now() where tenant_id = ? and id = ? and status = 'queued'",
        tenantId,
        runId);
  }

  /** A running run held at a step boundary; a cancel requested meanwhile keeps its status. */
  public void markPaused(String tenantId, UUID runId) {
    update(
        "update run set status = 'paused', updated_at = now() where tenant_id = ? and id = ? and"
            + " status = 'running'",
        tenantId,
        runId);
  }

  /** A paused run going on; a cancel requested meanwhile keeps its status. */
  public void markResumed(String tenantId, UUID runId) {
    update(
        "update run set status = 'running', updated_at = now() where tenant_id = ? and id = ? and"
            + " status = 'paused'",
        tenantId,
        runId);
  }

  /**
   * Projects the progress of a run after a model step. The token total is recomputed from the
   * recorded {@code model.call.completed} events rather than incremented, so a retried step never
   * counts twice.
   */
  /**
   * Raises the run's step count to {@code step} and its token total to the sum its model calls
   * recorded; parameters: step, tenant, run, tenant, run. A run that has ended is left as it is.
   * Sent with the step's event ({@link RunEventRepository#appendStep}), in the same commit.
   */
  static final String RECORD_STEP =
      "update run set steps = greatest(steps, ?), total_tokens = (select"
          + " coalesce(sum((payload->>'tokens')::bigint), 0)::int from run_event where"
          + " tenant_id = ? and run_id = ? and type = '"
          + RunEventTypes.MODEL_CALL_COMPLETED
          + "'), updated_at = now() where tenant_id = ? and id = ? and "
          + NOT_TERMINAL;

  /** Sets the parameters of {@link #RECORD_STEP}, the first at {@code first}. */
  static void setRecordStep(PreparedStatement ps, int first, String tenantId, UUID runId, int step)
      throws SQLException {
    ps.setInt(first, step);
    ps.setString(first + 1, tenantId);
    ps.setObject(first + 2, runId);
    ps.setString(first + 3, tenantId);
    ps.setObject(first + 4, runId);
  }

  /** Records the end of a run once; a run already in a terminal state keeps it. */
  public boolean finish(
      String tenantId, UUID runId, RunStatus status, String reason, int steps, long tokens) {
    String sql =
        "update run set status = ?, status_reason = ?, steps = ?, total_tokens = ?,"
            + " finished_at = now(), updated_at = now() where tenant_id = ? and id = ? and "
            + NOT_TERMINAL;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, status.wireName());
      ps.setString(2, reason);
      ps.setInt(3, steps);
      ps.setInt(4, (int) Math.min(Integer.MAX_VALUE, tokens));
      ps.setString(5, tenantId);
      ps.setObject(6, runId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("run " + runId + " could not be finished", e);
    }
  }

  private void update(String sql, String tenantId, UUID runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, runId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("run " + runId + " could not be updated", e);
    }
  }
}
