package dev.agentruntime.worker.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.worker.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text the model reads of an MCP {@code tools/call} result: its text parts joined by blank
 * lines (or its structured content when it has no text), a note naming the parts that are not text
 * and were left out (images, audio, resources), cut at a cap with a note saying so.
 */
final class McpResults {

  /** What a result came to. */
  record Text(String text, boolean isError, boolean truncated, List<String> omitted) {}

  private McpResults() {}

  static Text of(JsonNode result, int maxChars) {
    List<String> texts = new ArrayList<>();
    Map<String, Integer> omitted = new TreeMap<>();
    for (JsonNode part : result.path("content")) {
      String type = part.path("type").asText("unknown");
      if (type.equals("text")) {
        texts.add(part.path("text").asText());
      } else {
        omitted.merge(type, 1, Integer::sum);
      }
    }
    String text = String.join("\n\n", texts);
    if (texts.isEmpty() && result.hasNonNull("structuredContent")) {
      text = Json.write(result.get("structuredContent"));
    }
    List<String> omittedParts = new ArrayList<>();
    omitted.forEach((type, count) -> omittedParts.add(count + " " + type));
    if (!omittedParts.isEmpty()) {
      text +=
          (text.isEmpty() ? "" : "\n\n")
              + "[omitted: "
              + String.join(", ", omittedParts)
              + " content part(s); only text is passed on]";
    }
    boolean truncated = text.length() > maxChars;
    if (truncated) {
      text =
          text.substring(0, maxChars)
              + "\n[truncated: the result had more than "
              + maxChars
              + " characters]";
    }
    return new Text(text, result.path("isError").asBoolean(false), truncated, omittedParts);
  }
}
