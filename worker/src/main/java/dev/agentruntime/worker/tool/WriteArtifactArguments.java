package dev.agentruntime.worker.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.worker.Json;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The arguments of a {@code write_artifact} call, checked before anything is written.
 *
 * @param name file name within the run's artifacts, never a path
 * @param content text content
 * @param contentType media type, guessed from the name's extension when the model gives none
 */
public record WriteArtifactArguments(String name, String content, String contentType) {

  public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("^[a-zA-Z0-9][\\w.+-]*/[\\w.+-]+( *;[ \\w.+=\"-]*)?$");

  /** The run's final answer is stored under this name; a tool may not overwrite it. */
  public static final String RESERVED_NAME = "output";

  public static WriteArtifactArguments parse(String argumentsJson, long maxContentBytes) {
    JsonNode args;
    try {
      args = Json.read(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson);
    } catch (IllegalArgumentException e) {
      throw new ToolCallException("arguments are not valid JSON: " + e.getMessage());
    }
    if (!args.isObject()) {
      throw new ToolCallException("arguments must be a JSON object with name and content");
    }
    String name = requiredString(args, "name");
    String content = requiredString(args, "content");
    if (!NAME.matcher(name).matches()) {
      throw new ToolCallException(
          "name must be a plain file name (letters, digits, '.', '_', '-'; at most 128 chars,"
              + " starting with a letter or digit), got: "
              + abbreviate(name));
    }
    if (RESERVED_NAME.equals(name)) {
      throw new ToolCallException(
          "name 'output' is reserved for the run's final answer; choose another name");
    }
    long bytes = content.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxContentBytes) {
      throw new ToolCallException(
          "content is " + bytes + " bytes; the limit is " + maxContentBytes + " bytes");
    }
    JsonNode type = args.get("contentType");
    String contentType;
    if (type == null || type.isNull() || (type.isTextual() && type.asText().isBlank())) {
      contentType = guessContentType(name);
    } else if (!type.isTextual()
        || type.asText().length() > 100
        || !MEDIA_TYPE.matcher(type.asText()).matches()) {
      throw new ToolCallException("contentType must be a media type like text/markdown");
    } else {
      contentType = type.asText();
    }
    return new WriteArtifactArguments(name, content, contentType);
  }

  private static String requiredString(JsonNode args, String field) {
    JsonNode value = args.get(field);
    if (value == null || value.isNull()) {
      throw new ToolCallException("'" + field + "' is required");
    }
    if (!value.isTextual()) {
      throw new ToolCallException("'" + field + "' must be a string");
    }
    return value.asText();
  }

  static String guessContentType(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".md")) {
      return "text/markdown";
    }
    if (lower.endsWith(".json")) {
      return "application/json";
    }
    if (lower.endsWith(".html") || lower.endsWith(".htm")) {
      return "text/html";
    }
    if (lower.endsWith(".csv")) {
      return "text/csv";
    }
    return "text/plain";
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
