package dev.agentruntime.worker.model;

import dev.agentruntime.core.spec.ToolSpec;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.List;

/**
 * How the spec's built-in tools are offered to the model. An mcp entry's tools come from their
 * pinned definitions instead ({@code ToolCatalog}).
 */
public final class ToolSpecifications {

  private ToolSpecifications() {}

  public static List<ToolSpecification> of(List<ToolSpec> tools) {
    return tools.stream().map(ToolSpecifications::of).toList();
  }

  public static ToolSpecification of(ToolSpec tool) {
    return switch (tool.kind()) {
      case WRITE_ARTIFACT ->
          ToolSpecification.builder()
              .name(tool.name())
              .description(
                  tool.description() != null
                      ? tool.description()
                      : "Saves a text file as an artifact of this run.")
              .parameters(
                  JsonObjectSchema.builder()
                      .addStringProperty(
                          "name", "File name, for example report.md (letters, digits, . _ -)")
                      .addStringProperty("content", "The full text content of the file")
                      .addStringProperty(
                          "contentType", "Optional media type, for example text/markdown")
                      .required("name", "content")
                      .build())
              .build();
      case HTTP_REQUEST ->
          ToolSpecification.builder()
              .name(tool.name())
              .description(
                  tool.description() != null
                      ? tool.description()
                      : "Sends one HTTP request and answers its status, headers and body.")
              .parameters(
                  JsonObjectSchema.builder()
                      .addEnumProperty(
                          "method",
                          List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
                      .addStringProperty("url", "The absolute https (or allowed http) URL")
                      .addProperty(
                          "headers",
                          JsonObjectSchema.builder()
                              .description("Request headers, name to value")
                              .additionalProperties(true)
                              .build())
                      .addStringProperty("body", "The request body, for POST, PUT or PATCH")
                      .required("method", "url")
                      .build())
              .build();
      case AGENT ->
          ToolSpecification.builder()
              .name(tool.name())
              .description(
                  tool.description() != null
                      ? tool.description()
                      : "Asks the agent " + tool.agent() + " and answers what it answered.")
              .parameters(
                  tool.inputSchema() != null
                      ? SchemaParameters.of(tool.inputSchema())
                      : JsonObjectSchema.builder().additionalProperties(true).build())
              .build();
      case MCP ->
          throw new IllegalArgumentException(
              "mcp tools are offered from their pins by ToolCatalog, not from the spec");
    };
  }
}
