package dev.agentruntime.worker.model;

import dev.agentruntime.worker.storage.ObjectStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Conversations in the object store, as LangChain4j's message JSON: a transcript is a list of
 * messages, a tool result is a single message.
 */
@Singleton
public class Transcripts {

  private static final String JSON = "application/json";

  private final ObjectStore objects;

  public Transcripts(ObjectStore objects) {
    this.objects = objects;
  }

  public List<ChatMessage> read(String key) {
    return ChatMessageDeserializer.messagesFromJson(objects.getText(key));
  }

  public void write(String key, List<ChatMessage> messages) {
    objects.putText(key, ChatMessageSerializer.messagesToJson(messages), JSON);
  }

  public ChatMessage readMessage(String key) {
    return ChatMessageDeserializer.messageFromJson(objects.getText(key));
  }

  public boolean exists(String key) {
    return objects.findText(key).isPresent();
  }

  public void writeMessage(String key, ChatMessage message) {
    objects.putText(key, ChatMessageSerializer.messageToJson(message), JSON);
  }

  /** The last model answer of a transcript, or {@code null} when the model has not answered. */
  public static AiMessage lastAiMessage(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof AiMessage ai) {
        return ai;
      }
    }
    return null;
  }
}
