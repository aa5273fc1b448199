package dev.agentruntime.api.run.transcript;

import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.storage.ObjectStore;
import java.util.List;
import java.util.UUID;

/**
 * Messages as the worker stores them: the JSON of LangChain4j 1.18's {@code ChatMessageSerializer}
 * (the worker's TranscriptFormatTest pins the same text against the serializer), put under the keys
 * the worker uses.
 */
final class StoredMessages {

  static final String SYSTEM = "{\"text\":\"Be helpful.\",\"type\":\"SYSTEM\"}";
  static final String USER =
      "{\"contents\":[{\"text\":\"What is 6*7?\",\"type\":\"TEXT\"}],\"type\":\"USER\"}";

  /** An answer that calls two tools, with no text. */
  static final String CALLS =
      "{\"toolExecutionRequests\":["
          + "{\"id\":\"call_1\",\"name\":\"calculator\",\"arguments\":\"{\\\"expression\\\": \\\"6*7\\\"}\"},"
          + "{\"id\":\"call_2\",\"name\":\"write_artifact\",\"arguments\":\"{\\\"name\\\":\\\"notes\\\"}\"}"
          + "],\"attributes\":{},\"type\":\"AI\"}";

  static final String RESULT_1 =
      "{\"id\":\"call_1\",\"toolName\":\"calculator\",\"contents\":[{\"text\":\"42\",\"type\":\"TEXT\"}],"
          + "\"attributes\":{},\"type\":\"TOOL_EXECUTION_RESULT\"}";

  static final String RESULT_2_FAILED =
      "{\"id\":\"call_2\",\"toolName\":\"write_artifact\",\"contents\":[{\"text\":\"refused: no"
          + " name\",\"type\":\"TEXT\"}],\"isError\":true,\"attributes\":{},"
          + "\"type\":\"TOOL_EXECUTION_RESULT\"}";

  static final String FINAL =
      "{\"text\":\"6*7 is 42.\",\"toolExecutionRequests\":[],\"attributes\":{},\"type\":\"AI\"}";

  private StoredMessages() {}

  static String list(String... messages) {
    return "[" + String.join(",", List.of(messages)) + "]";
  }

  static void transcript(ObjectStore objects, String tenant, String runId, int step, String json) {
    objects.ensureBucket();
    objects.putText(
        RunObjectKeys.transcript(tenant, UUID.fromString(runId), step), json, "application/json");
  }

  static void toolResult(
      ObjectStore objects, String tenant, String runId, int step, int call, String json) {
    objects.ensureBucket();
    objects.putText(
        RunObjectKeys.toolResult(tenant, UUID.fromString(runId), step, call),
        json,
        "application/json");
  }
}
