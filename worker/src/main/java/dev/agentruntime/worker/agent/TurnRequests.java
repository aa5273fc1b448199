package dev.agentruntime.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.store.RunRecord;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import java.time.Instant;
import java.util.List;

/** The body of a turn request (docs/agent-protocol.md, "A turn"). */
public final class TurnRequests {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TurnRequests() {}

  /**
   * @param instructions the version's instructions, or {@code null}
   * @param state the state the agent answered last turn, or {@code null}
   */
  public static String body(
      RunRecord run,
      int turn,
      Instant deadline,
      String instructions,
      JsonNode state,
      List<ToolSpecification> tools,
      List<ToolExecutionResultMessage> toolResults) {
    ObjectNode body = Json.object().put("protocol", AgentManifest.PROTOCOL);
    body.putObject("run")
        .put("id", run.id().toString())
        .put("tenantId", run.tenantId())
        .put("agentVersionId", run.agentVersionId().toString());
    body.put("turn", turn).put("deadline", deadline.toString());
    if (instructions != null) {
      body.put("instructions", instructions);
    }
    body.set("input", Json.read(run.inputJson()));
    body.set("state", state);
    ArrayNode offered = body.putArray("tools");
    for (ToolSpecification tool : tools) {
      ObjectNode entry = offered.addObject().put("name", tool.name());
      entry.put("description", tool.description());
      // LangChain4j's own mapping of its schema to JSON Schema, as it sends it to providers.
      entry.set(
          "parameters",
          tool.parameters() == null
              ? Json.object().put("type", "object")
              : MAPPER.valueToTree(JsonSchemaElementJsonUtils.toMap(tool.parameters())));
    }
    ArrayNode results = body.putArray("toolResults");
    for (ToolExecutionResultMessage result : toolResults) {
      results
          .addObject()
          .put("callId", result.id())
          .put("name", result.toolName())
          .put("output", result.text())
          .put("isError", Boolean.TRUE.equals(result.isError()));
    }
    return Json.write(body);
  }
}
