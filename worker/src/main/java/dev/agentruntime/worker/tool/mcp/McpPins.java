package dev.agentruntime.worker.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.worker.store.McpPinRepository;
import dev.agentruntime.worker.store.McpPinRepository.Pin;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The pinned definitions of an mcp entry's tools. At first use the worker pins what the server
 * lists; afterwards a definition that differs from its pin, or a tool that vanished, stops the run
 * (a non-retryable failure): an agent version keeps the tools it was published and first run with,
 * and a changed tool needs a new version.
 */
@Singleton
public class McpPins {

  private final McpPinRepository repository;

  public McpPins(McpPinRepository repository) {
    this.repository = repository;
  }

  /** The pins of the entry's tools that exist, by tool name. */
  public Map<String, Pin> pinned(String tenantId, UUID agentVersionId, ToolSpec entry) {
    Map<String, Pin> all = repository.find(tenantId, agentVersionId);
    Map<String, Pin> pins = new LinkedHashMap<>();
    for (String name : entry.allowedTools()) {
      if (all.containsKey(name)) {
        pins.put(name, all.get(name));
      }
    }
    return pins;
  }

  /**
   * Pins every allowed tool not pinned yet from what the server lists now, and answers the pins as
   * stored (another worker's, when it was first).
   *
   * @throws ApplicationFailure (non-retryable) when the server has no tool of an allowed name
   */
  Map<String, Pin> pinAtFirstUse(
      String tenantId, UUID agentVersionId, ToolSpec entry, Map<String, JsonNode> listed) {
    Map<String, Pin> pins = pinned(tenantId, agentVersionId, entry);
    List<Pin> missing = new ArrayList<>();
    for (String name : entry.allowedTools()) {
      if (pins.containsKey(name)) {
        continue;
      }
      JsonNode tool = listed.get(name);
      if (tool == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "MCP server "
                + entry.url()
                + " (tool entry '"
                + entry.name()
                + "') has no tool '"
                + name
                + "' that its allowedTools names; it lists: "
                + String.join(", ", listed.keySet())
                + ". Publish a new agent version whose allowedTools name tools the server has.",
            ActivityFailureTypes.CLIENT_ERROR);
      }
      missing.add(McpDefinitions.pinOf(entry.url(), tool));
    }
    if (missing.isEmpty()) {
      return pins;
    }
    repository.pinAll(tenantId, agentVersionId, missing);
    return pinned(tenantId, agentVersionId, entry);
  }

  /**
   * Checks the server's current definition of a pinned tool.
   *
   * @param current the tool as the server lists it now, or null when it lists none of that name
   * @throws ApplicationFailure (non-retryable) when it changed or vanished
   */
  static void verify(ToolSpec entry, Pin pin, JsonNode current) {
    if (current == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "MCP tool '"
              + pin.toolName()
              + "' of server "
              + entry.url()
              + " is gone: the server no longer lists it (pinned definition sha256 "
              + prefix(pin.sha256())
              + "). Not called. Publish a new agent version without it.",
          ActivityFailureTypes.MCP_TOOL_CHANGED);
    }
    Pin now = McpDefinitions.pinOf(entry.url(), current);
    if (!now.sha256().equals(pin.sha256())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "MCP tool '"
              + pin.toolName()
              + "' of server "
              + entry.url()
              + " changed since this agent version pinned it (pinned definition sha256 "
              + prefix(pin.sha256())
              + ", the server's now "
              + prefix(now.sha256())
              + "). Not called. Publish a new agent version to use the new definition.",
          ActivityFailureTypes.MCP_TOOL_CHANGED);
    }
  }

  private static String prefix(String sha256) {
    return sha256.substring(0, 12) + "…";
  }
}
