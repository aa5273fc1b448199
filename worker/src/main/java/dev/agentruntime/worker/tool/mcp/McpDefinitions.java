package dev.agentruntime.worker.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.model.SchemaParameters;
import dev.agentruntime.worker.store.McpPinRepository.Pin;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/**
 * What of an MCP tool definition is pinned, and how a pinned definition is offered to the model.
 * The pin covers exactly what the model is shown and what shapes the call: {@code name}, {@code
 * description} and {@code inputSchema}; annotations, titles and output schemas may change without a
 * new version.
 */
public final class McpDefinitions {

  private McpDefinitions() {}

  /** The pinned part of a server's tool definition: {@code {name, description, inputSchema}}. */
  static ObjectNode definition(JsonNode tool) {
    ObjectNode definition = Json.object();
    definition.set("name", tool.path("name"));
    if (tool.hasNonNull("description")) {
      definition.set("description", tool.get("description"));
    }
    definition.set(
        "inputSchema", tool.hasNonNull("inputSchema") ? tool.get("inputSchema") : Json.object());
    return definition;
  }

  /** A pin of {@code tool} as the server lists it now. */
  static Pin pinOf(String serverUrl, JsonNode tool) {
    String canonical = CanonicalJson.write(definition(tool));
    return new Pin(
        tool.path("name").asText(), serverUrl, CanonicalJson.sha256Hex(canonical), canonical);
  }

  /**
   * The tool the model is offered for a pinned definition: the server's description, and its input
   * schema ({@link SchemaParameters}).
   */
  public static ToolSpecification specification(Pin pin) {
    JsonNode definition = Json.read(pin.definition());
    ToolSpecification.Builder tool =
        ToolSpecification.builder()
            .name(pin.toolName())
            .parameters(SchemaParameters.of(definition.path("inputSchema")));
    if (definition.hasNonNull("description")) {
      tool.description(definition.get("description").asText());
    }
    return tool.build();
  }

  /** What the model is offered for a tool whose server the egress rules refuse. */
  static ToolSpecification unavailable(String name, String why) {
    return ToolSpecification.builder()
        .name(name)
        .description("Unavailable: " + why)
        .parameters(JsonObjectSchema.builder().build())
        .build();
  }
}
