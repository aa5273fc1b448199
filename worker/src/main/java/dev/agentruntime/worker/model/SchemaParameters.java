package dev.agentruntime.worker.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.worker.Json;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool's JSON Schema for its arguments (an MCP server's, a sub-agent's) as the parameters the
 * model is offered: property by property as raw JSON Schema, so that no keyword the typed
 * LangChain4j schema cannot hold (formats, patterns, bounds, nested combinators) is lost on the
 * way.
 */
public final class SchemaParameters {

  private SchemaParameters() {}

  public static JsonObjectSchema of(JsonNode schema) {
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
    return parameters.build();
  }

  private static JsonRawSchema raw(JsonNode schema) {
    return JsonRawSchema.from(Json.write(schema));
  }
}
