package dev.agentruntime.worker.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.store.McpPinRepository.Pin;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * schema property by property as raw JSON Schema, so that no keyword the typed LangChain4j schema
   * cannot hold (formats, patterns, bounds, nested combinators) is lost on the way.
   */
  public static ToolSpecification specification(Pin pin) {
    JsonNode definition = Json.read(pin.definition());
    JsonNode schema = definition.path("inputSchema");
    Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> properties.put(p.getKey(), raw(p.getValue())));
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    JsonObjectSchema.Builder parameters =
        JsonObjectSchema.builder().addProperties(properties).required(required);
    if (schema.hasNonNull("description")) {
      parameters.description(schema.get("description").asText());
    }
    if (schema.path("additionalProperties").isBoolean()) {
      parameters.additionalProperties(schema.get("additionalProperties").asBoolean());
    }
    Map<String, JsonSchemaElement> defs = new LinkedHashMap<>();
    JsonNode defsNode = schema.has("$defs") ? schema.path("$defs") : schema.path("definitions");
    defsNode.fields().forEachRemaining(d -> defs.put(d.getKey(), raw(d.getValue())));
    if (!defs.isEmpty()) {
      parameters.definitions(defs);
    }
    ToolSpecification.Builder tool =
        ToolSpecification.builder().name(pin.toolName()).parameters(parameters.build());
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

  private static JsonRawSchema raw(JsonNode schema) {
    return JsonRawSchema.from(Json.write(schema));
  }
}
