package dev.agentruntime.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.worker.Json;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An agent's answer to a turn, checked against the protocol's schema (docs/agent-protocol.md):
 * either tool calls or the final output, plus its new state.
 *
 * @param output the final output, or {@code null} when the agent asked for tool calls
 * @param state the state to hand back next turn, or {@code null}
 */
public record TurnAnswer(
    List<AgentToolCall> toolCalls, JsonNode output, JsonNode state, long tokens) {

  public static final int MAX_TOOL_CALLS = 32;
  private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_-]{0,63}$");
  private static final Set<String> FIELDS = Set.of("toolCalls", "output", "state", "usage");

  public boolean isFinal() {
    return output != null;
  }

  /**
   * The answer as the run's transcript holds it: the tool calls, which the kernel's tool activities
   * read from there like a model's, or the output as the final text (a JSON string as its text).
   */
  public AiMessage toAiMessage() {
    if (!isFinal()) {
      List<ToolExecutionRequest> calls = new ArrayList<>();
      for (AgentToolCall call : toolCalls) {
        calls.add(
            ToolExecutionRequest.builder()
                .id(call.id())
                .name(call.name())
                .arguments(Json.write(call.arguments()))
                .build());
      }
      return AiMessage.from(calls);
    }
    return AiMessage.from(output.isTextual() ? output.asText() : Json.write(output));
  }

  static TurnAnswer parse(JsonNode body) {
    if (!body.isObject()) {
      throw invalid("the answer is not a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            field -> {
              if (!FIELDS.contains(field)) {
                throw invalid("unknown field '" + field + "'");
              }
            });
    boolean asksTools = body.has("toolCalls");
    if (asksTools == body.has("output")) {
      throw invalid("exactly one of toolCalls and output is required");
    }
    JsonNode state = body.has("state") && !body.get("state").isNull() ? body.get("state") : null;
    long tokens = tokens(body.path("usage"));
    if (!asksTools) {
      return new TurnAnswer(List.of(), body.get("output"), state, tokens);
    }
    return new TurnAnswer(toolCalls(body.get("toolCalls")), null, state, tokens);
  }

  private static List<AgentToolCall> toolCalls(JsonNode calls) {
    if (!calls.isArray() || calls.isEmpty() || calls.size() > MAX_TOOL_CALLS) {
      throw invalid("toolCalls must be an array of 1 to " + MAX_TOOL_CALLS + " calls");
    }
    List<AgentToolCall> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      String at = "toolCalls[" + i + "]";
      String id = call.path("id").isTextual() ? call.get("id").asText() : null;
      if (id == null || id.isEmpty() || id.length() > 200) {
        throw invalid(at + ".id must be a string of 1 to 200 characters");
      }
      if (!ids.add(id)) {
        throw invalid(at + ".id repeats the id of another call");
      }
      String name = call.path("name").isTextual() ? call.get("name").asText() : null;
      if (name == null || !TOOL_NAME.matcher(name).matches()) {
        throw invalid(at + ".name must match " + TOOL_NAME.pattern());
      }
      if (!(call.get("arguments") instanceof ObjectNode arguments)) {
        throw invalid(at + ".arguments must be a JSON object");
      }
      out.add(new AgentToolCall(id, name, arguments));
    }
    return out;
  }

  private static long tokens(JsonNode usage) {
    if (usage.isMissingNode() || usage.isNull()) {
      return 0;
    }
    JsonNode total = usage.path("totalTokens");
    if (!usage.isObject()
        || (!total.isMissingNode()
            && !(total.isIntegralNumber() && total.canConvertToLong() && total.asLong() >= 0))) {
      throw invalid("usage.totalTokens must be a non-negative integer");
    }
    return total.asLong(0);
  }

  private static AgentCallFailed invalid(String what) {
    return AgentCallFailed.refused(
        "the agent's answer breaks agent-runtime/v1: " + what + " (docs/agent-protocol.md)", 200);
  }
}
