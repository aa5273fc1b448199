package dev.agentruntime.worker.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.run.event.ToolCallCompleted.McpAnswered;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.egress.EgressException;
import dev.agentruntime.worker.store.McpPinRepository.Pin;
import dev.agentruntime.worker.store.StoreException;
import dev.agentruntime.worker.tool.Tool;
import dev.agentruntime.worker.tool.ToolCall;
import dev.agentruntime.worker.tool.ToolCallException;
import dev.agentruntime.worker.tool.ToolResult;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;

/**
 * {@code mcp}: calls one of an entry's allowed tools on its MCP server. Each call opens a session
 * under the entry's egress rules, lists the server's tools and compares the called tool's
 * definition with the version's pin (a change stops the run, see {@link McpPins}), then calls it
 * with the model's arguments. The model reads the text of the result (see {@link McpResults}); a
 * result marked {@code isError}, a refusal of the egress rules or a server that cannot be reached
 * goes back to the model as the call's error, and the run goes on.
 */
@Singleton
public class McpTool implements Tool {

  private final McpConnector connector;
  private final McpPins pins;

  public McpTool(McpConnector connector, McpPins pins) {
    this.connector = connector;
    this.pins = pins;
  }

  @Override
  public ToolKind kind() {
    return ToolKind.MCP;
  }

  @Override
  public ToolResult execute(ToolCall call) {
    ToolSpec entry = call.spec();
    String name = call.toolName();
    String arguments = arguments(call.arguments());
    Pin pin = pins.pinned(call.tenantId(), call.agentVersionId(), entry).get(name);
    McpResults.Text text;
    try (McpSession session = connector.open(call.tenantId(), entry)) {
      Map<String, JsonNode> listed = session.listTools();
      if (pin == null) {
        // Not pinned when the model was offered the tool (its server was refused then).
        pin = pins.pinAtFirstUse(call.tenantId(), call.agentVersionId(), entry, listed).get(name);
      } else {
        McpPins.verify(entry, pin, listed.get(name));
      }
      JsonNode answer = session.callTool(name, arguments);
      text = result(entry, name, answer);
    } catch (EgressException e) {
      throw new ToolCallException(e.getMessage());
    } catch (ToolCallException | ApplicationFailure | StoreException e) {
      // The model's error, a failure of the run, or the kernel's (retried by the workflow).
      throw e;
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted() || isInterrupt(e)) {
        throw e; // cancelled: the activity reports the cancel, not a tool error
      }
      throw new ToolCallException(
          "failed: MCP server " + entry.url() + " did not complete the call: " + describe(e));
    }
    if (text.isError()) {
      throw new ToolCallException(text.text());
    }
    return new ToolResult(
        text.text(),
        new McpAnswered(
            URI.create(entry.url()).getHost(),
            name,
            pin.sha256(),
            text.text().length(),
            text.truncated(),
            text.omitted()));
  }

  @Override
  public String recordedResult(ToolCallCompleted.Effect recorded) {
    // The result itself is not kept in the event (it may be large or sensitive).
    return "the MCP tool call completed; its result was not kept";
  }

  private McpResults.Text result(ToolSpec entry, String name, JsonNode answer) {
    if (answer == null) {
      throw new ToolCallException(
          "failed: MCP tool '"
              + name
              + "' did not answer within "
              + connector.limits().callTimeout().toSeconds()
              + " s");
    }
    if (answer.has("error")) {
      throw new ToolCallException(
          "MCP server "
              + entry.url()
              + " refused the call: "
              + answer.path("error").path("message").asText(Json.write(answer.get("error"))));
    }
    return McpResults.of(answer.path("result"), connector.limits().maxResultChars());
  }

  private static String arguments(String raw) {
    if (raw == null || raw.isBlank()) {
      return "{}";
    }
    try {
      if (Json.read(raw).isObject()) {
        return raw;
      }
    } catch (RuntimeException notJson) {
      // reported below
    }
    throw new ToolCallException("arguments must be a JSON object");
  }

  private static boolean isInterrupt(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 500 ? message.substring(0, 500) + "…" : message;
  }
}
