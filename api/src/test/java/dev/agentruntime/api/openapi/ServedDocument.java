package dev.agentruntime.api.openapi;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The OpenAPI document as the running API serves it, fetched without a token. */
final class ServedDocument {

  private final JsonNode root;

  private ServedDocument(JsonNode root) {
    this.root = root;
  }

  static ServedDocument fetch() throws Exception {
    String body =
        given()
            .accept("application/json")
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return new ServedDocument(new ObjectMapper().readTree(body));
  }

  JsonNode root() {
    return root;
  }

  JsonNode schema(String name) {
    JsonNode schema = root.path("components").path("schemas").path(name);
    if (schema.isMissingNode()) {
      throw new AssertionError("no schema " + name + " in components");
    }
    return schema;
  }

  /** The component schema {@code name} as a JSON Schema (2020-12) validator, its refs resolved. */
  JsonSchema validator(String name) {
    schema(name);
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", "#/components/schemas/" + name);
    root.putObject("components").set("schemas", this.root.at("/components/schemas"));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
  }

  /** Follows a local {@code $ref} (one level or more); other nodes are returned as they are. */
  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new AssertionError("not a local reference: " + ref);
      }
      current = root.at(ref.substring(1));
      if (current.isMissingNode()) {
        throw new AssertionError("dangling reference " + ref);
      }
    }
    return current;
  }

  /** Every operation under {@code /v1}: "METHOD path" to the operation. */
  Map<String, JsonNode> apiOperations() {
    Map<String, JsonNode> operations = new java.util.TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith("/v1/")) {
        continue;
      }
      path.getValue()
          .fields()
          .forEachRemaining(
              op -> {
                if (!op.getKey().equals("parameters")) {
                  operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                }
              });
    }
    return operations;
  }

  /** Every schema object in the document, nested ones included, with its JSON pointer. */
  List<Map.Entry<String, JsonNode>> allSchemas() {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    root.path("components")
        .path("schemas")
        .fields()
        .forEachRemaining(e -> walk("/components/schemas/" + e.getKey(), e.getValue(), out));
    return out;
  }

  private static void walk(String pointer, JsonNode schema, List<Map.Entry<String, JsonNode>> out) {
    if (!schema.isObject()) {
      return;
    }
    out.add(Map.entry(pointer, schema));
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> walk(pointer + "/properties/" + p.getKey(), p.getValue(), out));
    for (String single :
        List.of("items", "additionalProperties", "propertyNames", "if", "then", "else", "not")) {
      walk(pointer + "/" + single, schema.path(single), out);
    }
    for (String list : List.of("allOf", "anyOf", "oneOf")) {
      for (int i = 0; i < schema.path(list).size(); i++) {
        walk(pointer + "/" + list + "/" + i, schema.path(list).get(i), out);
      }
    }
  }
}
