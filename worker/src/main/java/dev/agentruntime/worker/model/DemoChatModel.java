package dev.agentruntime.worker.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.worker.Json;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/**
 * DEMO ONLY — not an LLM. A scripted, offline stand-in for a model so a first try of the runtime
 * needs no API key and no network: offered tools, it first calls the first one with a short note
 * quoting the input, then answers; offered none, it answers at once. Every answer says what it is.
 */
public class DemoChatModel implements ChatModel {

  public static final String LABEL = "[demo model — offline, not an LLM]";
  static final String NOTES_NAME = "demo-notes.md";

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    String input = firstUserText(messages);
    List<ToolSpecification> tools = request.toolSpecifications();
    boolean hasToolResult =
        messages.stream().anyMatch(ToolExecutionResultMessage.class::isInstance);
    AiMessage answer;
    FinishReason finishReason;
    if (tools != null && !tools.isEmpty() && !hasToolResult) {
      ObjectNode arguments =
          Json.object()
              .put("name", NOTES_NAME)
              .put("content", notes(input))
              .put("contentType", "text/markdown");
      answer =
          AiMessage.from(
              ToolExecutionRequest.builder()
                  .id("demo-call-1")
                  .name(tools.get(0).name())
                  .arguments(Json.write(arguments))
                  .build());
      finishReason = FinishReason.TOOL_EXECUTION;
    } else {
      String summary =
          hasToolResult
              ? "I saved your input to " + NOTES_NAME + " with the " + toolName(messages) + " tool."
              : "I received your input.";
      answer =
          AiMessage.from(
              LABEL
                  + " "
                  + summary
                  + " Input: \""
                  + abbreviate(input, 200)
                  + "\". Configure a real model provider (openai, ollama, anthropic) for real"
                  + " answers.");
      finishReason = FinishReason.STOP;
    }
    return ChatResponse.builder()
        .aiMessage(answer)
        .finishReason(finishReason)
        .modelName("demo")
        .tokenUsage(estimate(messages, answer))
        .build();
  }

  private static String notes(String input) {
    StringBuilder md = new StringBuilder("# Demo notes\n\n");
    md.append("_Written by the offline demo model (not an LLM)._\n\n");
    md.append("The run's input was:\n\n");
    input.lines().forEach(line -> md.append("> ").append(line).append('\n'));
    return md.toString();
  }

  private static String firstUserText(List<ChatMessage> messages) {
    for (ChatMessage message : messages) {
      if (message instanceof UserMessage user) {
        return user.hasSingleText() ? user.singleText() : String.valueOf(user.contents());
      }
    }
    return "";
  }

  private static String toolName(List<ChatMessage> messages) {
    return messages.stream()
        .filter(ToolExecutionResultMessage.class::isInstance)
        .map(m -> ((ToolExecutionResultMessage) m).toolName())
        .findFirst()
        .orElse("tool");
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  /** Roughly four characters per token, as a stand-in for the count a real model reports. */
  static TokenUsage estimate(List<ChatMessage> messages, AiMessage answer) {
    int in = ChatMessageText.length(messages) / 4;
    int out = ChatMessageText.of(answer).length() / 4;
    return new TokenUsage(Math.max(1, in), Math.max(1, out));
  }
}
