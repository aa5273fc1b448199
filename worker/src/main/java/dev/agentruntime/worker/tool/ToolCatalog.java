package dev.agentruntime.worker.tool;

import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.worker.model.ToolSpecifications;
import dev.agentruntime.worker.tool.mcp.McpCatalogs;
import dev.langchain4j.agent.tool.ToolSpecification;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tools a model is offered for an agent version: built-in tools as {@link ToolSpecifications}
 * describes them, and each mcp entry's allowed tools with the definitions pinned for the version
 * (pinned here at first use). Once pinned, offering them reads the database only; whether the
 * server still serves that definition is checked when a tool is called.
 */
@Singleton
public class ToolCatalog {

  private final McpCatalogs mcp;

  public ToolCatalog(McpCatalogs mcp) {
    this.mcp = mcp;
  }

  /**
   * The specifications offered to the model, in the order of the spec's entries (an mcp entry's
   * tools in the order of its {@code allowedTools}).
   *
   * @throws io.temporal.failure.ApplicationFailure (non-retryable) when an mcp server lacks a tool
   *     its entry allows at first use
   * @throws RuntimeException when an mcp server must be listed and cannot be (retryable)
   */
  public List<ToolSpecification> specifications(
      String tenantId, UUID agentVersionId, AgentSpec spec) {
    List<ToolSpecification> out = new ArrayList<>();
    for (ToolSpec tool : spec.tools()) {
      if (tool.kind() == ToolKind.MCP) {
        out.addAll(mcp.specifications(tenantId, agentVersionId, tool));
      } else {
        out.add(ToolSpecifications.of(tool));
      }
    }
    return out;
  }
}
