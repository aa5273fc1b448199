package dev.agentruntime.worker;

import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.AgentSpecJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Versions and aliases of a test tenant's agents, written with SQL as the API's alias endpoints
 * leave them (V25's rows), and what the children of a run recorded about them.
 */
public final class AgentAliases {

  private final TestInfrastructure infra;

  public AgentAliases(TestInfrastructure infra) {
    this.infra = infra;
  }

  /** What a child run recorded: the version it runs, and the alias and key it was admitted by. */
  public record ChildVersion(int version, String alias, String routingKey, Integer maxSteps) {}

  /** Publishes {@code spec} as version {@code version} of the tenant's agent {@code agentName}. */
  public void seedVersion(String tenantId, String agentName, int version, AgentSpec spec) {
    infra.execute(
        "insert into agent_version (id, tenant_id, agent_id, version, spec, content_hash,"
            + " created_by) select ?, ?, a.id, ?, ?::jsonb, ?, 'test' from agent a"
            + " where a.tenant_id = ? and a.name = ?",
        UUID.randomUUID(),
        tenantId,
        version,
        AgentSpecJson.write(spec),
        AgentSpecJson.contentHash(spec),
        tenantId,
        agentName);
  }

  /** Points (creates or moves) the alias of the tenant's agent at {@code version}. */
  public void point(String tenantId, String agentName, String alias, int version) {
    infra.execute(
        "insert into agent_alias (tenant_id, agent_id, name, version, updated_by)"
            + " select a.tenant_id, a.id, ?, ?, 'test' from agent a"
            + " where a.tenant_id = ? and a.name = ?"
            + " on conflict (tenant_id, agent_id, name) do update set version = excluded.version,"
            + " revision = agent_alias.revision + 1, updated_at = now()",
        alias,
        version,
        tenantId,
        agentName);
  }

  /** Points the alias at {@code version}, and {@code weight} percent of runs at {@code canary}. */
  public void split(
      String tenantId, String agentName, String alias, int version, int canary, int weight) {
    point(tenantId, agentName, alias, version);
    infra.execute(
        "update agent_alias al set canary_version = ?, canary_weight = ? from agent a"
            + " where al.tenant_id = a.tenant_id and al.agent_id = a.id and a.tenant_id = ?"
            + " and a.name = ? and al.name = ?",
        canary,
        weight,
        tenantId,
        agentName,
        alias);
  }

  /** Removes the alias, as {@code DELETE /v1/agents/{id}/aliases/{name}} does. */
  public void delete(String tenantId, String agentName, String alias) {
    infra.execute(
        "delete from agent_alias al using agent a where al.tenant_id = a.tenant_id"
            + " and al.agent_id = a.id and a.tenant_id = ? and a.name = ? and al.name = ?",
        tenantId,
        agentName,
        alias);
  }

  /** The id of the tenant's agent of that name. */
  public UUID agentId(String tenantId, String agentName) {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select id from agent where tenant_id = ? and name = ?")) {
      ps.setString(1, tenantId);
      ps.setString(2, agentName);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The children of {@code parentRunId}, oldest first. */
  public List<ChildVersion> children(String tenantId, UUID parentRunId) {
    List<ChildVersion> out = new ArrayList<>();
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select v.version, r.alias_name, r.routing_key, r.max_steps from run r"
                    + " join agent_version v on v.tenant_id = r.tenant_id"
                    + " and v.id = r.agent_version_id"
                    + " where r.tenant_id = ? and r.parent_run_id = ? order by r.created_at")) {
      ps.setString(1, tenantId);
      ps.setObject(2, parentRunId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ChildVersion(
                  rs.getInt(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
