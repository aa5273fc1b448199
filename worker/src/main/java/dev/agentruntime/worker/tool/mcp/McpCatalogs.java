package dev.agentruntime.worker.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.worker.egress.EgressException;
import dev.agentruntime.worker.egress.EgressRefused;
import dev.agentruntime.worker.store.McpPinRepository.Pin;
import dev.agentruntime.worker.store.StoreException;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The model-facing specifications of one mcp entry, from its pins, pinning at first use. */
@Singleton
public class McpCatalogs {

  private final McpConnector connector;
  private final McpPins pins;

  public McpCatalogs(McpConnector connector, McpPins pins) {
    this.connector = connector;
    this.pins = pins;
  }

  /**
   * The entry's allowed tools with their pinned definitions. When its server is refused by the
   * egress rules nothing can be pinned: the tools are offered as unavailable, so that a call of one
   * is answered with the refusal (as {@code http_request}'s refusals are) instead of the run
   * failing before the model could see why.
   */
  public List<ToolSpecification> specifications(
      String tenantId, UUID agentVersionId, ToolSpec entry) {
    Map<String, Pin> pinned = pins.pinned(tenantId, agentVersionId, entry);
    if (pinned.size() < entry.allowedTools().size()) {
      try (McpSession session = connector.open(tenantId, entry)) {
        Map<String, JsonNode> listed = session.listTools();
        pinned = pins.pinAtFirstUse(tenantId, agentVersionId, entry, listed);
      } catch (EgressRefused e) {
        return entry.allowedTools().stream()
            .map(name -> McpDefinitions.unavailable(name, e.getMessage()))
            .toList();
      } catch (EgressException e) {
        throw new IllegalStateException(
            "MCP server " + entry.url() + " could not be listed: " + e.getMessage(), e);
      } catch (ApplicationFailure | StoreException e) {
        // A failure of the run, or the kernel's (retried by the workflow).
        throw e;
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "MCP server "
                + entry.url()
                + " could not be listed to pin its tools (retried): "
                + e.getMessage(),
            e);
      }
    }
    Map<String, Pin> found = pinned;
    return entry.allowedTools().stream()
        .map(name -> McpDefinitions.specification(found.get(name)))
        .toList();
  }
}
