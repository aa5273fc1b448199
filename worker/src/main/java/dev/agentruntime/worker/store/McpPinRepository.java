package dev.agentruntime.worker.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Pinned MCP tool definitions, per tenant, agent version and model-facing tool name. A pin is
 * written once and never changed (the database refuses updates): {@link #pinAll} inserts with
 * {@code on conflict do nothing} and the caller reads the pins back, so two workers pinning at the
 * same time agree on the first one written.
 */
@Singleton
public class McpPinRepository {

  /**
   * One pinned definition.
   *
   * @param definition the canonical JSON (RFC 8785) of {@code {name, description, inputSchema}}
   * @param sha256 the SHA-256 of {@code definition}, lower-case hex
   */
  public record Pin(String toolName, String serverUrl, String sha256, String definition) {}

  private final DataSource dataSource;

  public McpPinRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The pins of an agent version, by tool name. */
  public Map<String, Pin> find(String tenantId, UUID agentVersionId) {
    String sql =
        "select tool_name, server_url, definition_sha256, definition::text from mcp_tool_pin"
            + " where tenant_id = ? and agent_version_id = ? order by tool_name";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setObject(2, agentVersionId);
      Map<String, Pin> pins = new LinkedHashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pins.put(
              rs.getString(1),
              new Pin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
      return pins;
    } catch (SQLException e) {
      throw new StoreException("MCP pins of agent version " + agentVersionId + " not read", e);
    }
  }

  /** Pins each definition unless that tool is pinned already (a pin is never replaced). */
  public void pinAll(String tenantId, UUID agentVersionId, Collection<Pin> pins) {
    String sql =
        "insert into mcp_tool_pin (tenant_id, agent_version_id, tool_name, server_url,"
            + " definition_sha256, definition) values (?, ?, ?, ?, ?, ?::jsonb)"
            + " on conflict do nothing";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (Pin pin : pins) {
        ps.setString(1, tenantId);
        ps.setObject(2, agentVersionId);
        ps.setString(3, pin.toolName());
        ps.setString(4, pin.serverUrl());
        ps.setString(5, pin.sha256());
        ps.setString(6, pin.definition());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new StoreException("MCP pins of agent version " + agentVersionId + " not written", e);
    }
  }
}
