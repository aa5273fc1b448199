package dev.agentruntime.worker.model;

import dev.agentruntime.storage.ObjectStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Conversations in the object store, as LangChain4j's message JSON: a transcript is a list of
 * messages, a tool result is a single message. Writes return the SHA-256 of what was written; a
 * read given that digest is answered from this worker's recent writes when it has exactly that text
 * ({@link RecentObjects}), else from the store.
 */
@Singleton
public class Transcripts {

  private static final String JSON = "application/json";

  /** About 32 MiB of JSON text: a few thousand recent steps of ordinary runs. */
  static final long RECENT_CHARS = 16L * 1024 * 1024;

  private final ObjectStore objects;
  private final RecentObjects recent = new RecentObjects(RECENT_CHARS);

  public Transcripts(ObjectStore objects) {
    this.objects = objects;
  }

  public List<ChatMessage> read(String key) {
    return read(key, null);
  }

  /**
   * @param sha256 the digest the writer reported, or {@code null} to read the store
   */
  public List<ChatMessage> read(String key, String sha256) {
    return ChatMessageDeserializer.messagesFromJson(text(key, sha256));
  }

  /** Writes a transcript; returns the SHA-256 of the stored text. */
  public String write(String key, List<ChatMessage> messages) {
    return put(key, ChatMessageSerializer.messagesToJson(messages));
  }

  public ChatMessage readMessage(String key) {
    return readMessage(key, null);
  }

  public ChatMessage readMessage(String key, String sha256) {
    return ChatMessageDeserializer.messageFromJson(text(key, sha256));
  }

  public boolean exists(String key) {
    return objects.findText(key).isPresent();
  }

  /** Writes a single message; returns the SHA-256 of the stored text. */
  public String writeMessage(String key, ChatMessage message) {
    return put(key, ChatMessageSerializer.messageToJson(message));
  }

  /** Reads answered from memory since start (for tests and the figures in docs/benchmarks.md). */
  public long recentHits() {
    return recent.hits();
  }

  private String put(String key, String text) {
    String sha256 = objects.putText(key, text, JSON).sha256();
    recent.put(key, sha256, text);
    return sha256;
  }

  private String text(String key, String sha256) {
    return recent.get(key, sha256).orElseGet(() -> objects.getText(key));
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
