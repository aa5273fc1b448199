package dev.agentruntime.worker.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;

/** The text a message carries, for token estimates where a provider reports no usage. */
public final class ChatMessageText {

  private ChatMessageText() {}

  public static int length(List<ChatMessage> messages) {
    return messages.stream().mapToInt(m -> of(m).length()).sum();
  }

  public static String of(ChatMessage message) {
    return switch (message) {
      case SystemMessage system -> system.text();
      case UserMessage user -> user.hasSingleText() ? user.singleText() : "";
      case ToolExecutionResultMessage result -> result.text() == null ? "" : result.text();
      case AiMessage ai ->
          (ai.text() == null ? "" : ai.text())
              + ai.toolExecutionRequests().stream()
                  .map(r -> r.name() + r.arguments())
                  .reduce("", String::concat);
      default -> "";
    };
  }
}
