package dev.agentruntime.api.run.transcript;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the messages the worker stores, LangChain4j's message JSON ({@code ChatMessageSerializer}
 * of langchain4j-core 1.x), with Jackson alone: the API does not depend on LangChain4j. A message
 * is an object with a {@code type}:
 *
 * <ul>
 *   <li>{@code SYSTEM}: {@code text};
 *   <li>{@code USER}: {@code contents}, parts of which those of type {@code TEXT} have a {@code
 *       text};
 *   <li>{@code AI}: {@code text} (absent when it only calls tools), {@code toolExecutionRequests}
 *       of {@code {id, name, arguments}}, {@code arguments} a string;
 *   <li>{@code TOOL_EXECUTION_RESULT}: {@code id} (the call's), {@code toolName}, {@code contents}
 *       as a user message's, {@code isError} when the tool said.
 * </ul>
 *
 * Releases before 1.x wrote a tool result's and a user message's text as {@code text}; both forms
 * are read. {@code TranscriptFormatTest} in the worker pins this shape against the serializer.
 */
final class TranscriptMessages {

  private final ObjectMapper json;

  /**
   * @param maxBytes the most bytes read for one answer: no string in them can be longer, so
   *     Jackson's own cap on a string's length (20M characters) is set to it
   */
  TranscriptMessages(int maxBytes) {
    this.json =
        JsonMapper.builder(
                JsonFactory.builder()
                    .streamReadConstraints(
                        StreamReadConstraints.builder().maxStringLength(maxBytes).build())
                    .build())
            .build();
  }

  /** A transcript: a list of messages. Messages of another type (none is written) are left out. */
  List<TranscriptMessage> list(byte[] stored, String key) {
    JsonNode root = read(stored, key);
    if (!root.isArray()) {
      throw unreadable(key, null);
    }
    List<TranscriptMessage> messages = new ArrayList<>();
    root.forEach(node -> message(node).ifPresent(messages::add));
    return messages;
  }

  /** One message: a tool result. */
  Optional<TranscriptMessage> one(byte[] stored, String key) {
    return message(read(stored, key));
  }

  static Optional<TranscriptMessage> message(JsonNode node) {
    return switch (node.path("type").asText()) {
      case "SYSTEM" -> Optional.of(TranscriptMessage.system(string(node, "text")));
      case "USER" -> Optional.of(TranscriptMessage.user(contentText(node)));
      case "AI" -> Optional.of(TranscriptMessage.assistant(string(node, "text"), toolCalls(node)));
      case "TOOL_EXECUTION_RESULT" ->
          Optional.of(
              TranscriptMessage.tool(
                  string(node, "id"),
                  string(node, "toolName"),
                  contentText(node),
                  node.path("isError").asBoolean(false)));
      default -> Optional.empty();
    };
  }

  private static List<TranscriptToolCall> toolCalls(JsonNode ai) {
    List<TranscriptToolCall> calls = new ArrayList<>();
    for (JsonNode call : ai.path("toolExecutionRequests")) {
      calls.add(
          new TranscriptToolCall(
              string(call, "id"), string(call, "name"), string(call, "arguments")));
    }
    return calls;
  }

  /** The text parts joined by line breaks; null when there are none. */
  private static String contentText(JsonNode message) {
    JsonNode contents = message.get("contents");
    if (contents == null || !contents.isArray()) {
      return string(message, "text");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode part : contents) {
      if ("TEXT".equals(part.path("type").asText()) && part.path("text").isTextual()) {
        texts.add(part.get("text").asText());
      }
    }
    return texts.isEmpty() ? null : String.join("\n", texts);
  }

  private static String string(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private JsonNode read(byte[] stored, String key) {
    try {
      return json.readTree(stored);
    } catch (IOException e) {
      throw unreadable(key, e);
    }
  }

  /** The worker wrote what it should not have: a fault of ours, answered as one (500). */
  private static IllegalStateException unreadable(String key, Exception cause) {
    return new IllegalStateException("stored transcript object " + key + " is not readable", cause);
  }
}
