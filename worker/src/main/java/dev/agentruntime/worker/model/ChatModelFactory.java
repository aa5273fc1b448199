package dev.agentruntime.worker.model;

import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.worker.secret.SecretResolver;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;

/**
 * Builds the LangChain4j client of a spec's model. Clients never retry on their own: Temporal
 * retries the activity, so every attempt is visible as an event and shares one idempotency key.
 */
@Singleton
public class ChatModelFactory {

  public static final String OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";

  /** Sent when no key is configured: OpenAI-compatible local servers ignore it, but require one. */
  static final String NO_KEY = "no-key-configured";

  private final SecretResolver secrets;

  public ChatModelFactory(SecretResolver secrets) {
    this.secrets = secrets;
  }

  /**
   * @param timeout timeout of one HTTP call (the activity's attempt timeout)
   * @param headers extra HTTP headers, for example {@code Idempotency-Key}
   */
  public ChatModel create(ModelSpec model, Duration timeout, Map<String, String> headers) {
    return switch (model.provider()) {
      case OPENAI ->
          OpenAiChatModel.builder()
              .baseUrl(orDefault(model.baseUrl(), OPENAI_DEFAULT_BASE_URL))
              .apiKey(apiKey(model.apiKeyRef()))
              .modelName(model.name())
              .temperature(model.temperature())
              .maxTokens(model.maxOutputTokens())
              .timeout(timeout)
              .customHeaders(headers)
              .maxRetries(0)
              .build();
      case OLLAMA ->
          OllamaChatModel.builder()
              .maxRetries(0)
              .baseUrl(orDefault(model.baseUrl(), OLLAMA_DEFAULT_BASE_URL))
              .modelName(model.name())
              .temperature(model.temperature())
              .numPredict(model.maxOutputTokens())
              .timeout(timeout)
              .customHeaders(headers)
              .build();
      case ANTHROPIC -> {
        var builder =
            AnthropicChatModel.builder()
                .apiKey(apiKey(model.apiKeyRef()))
                .modelName(model.name())
                .temperature(model.temperature())
                .maxTokens(model.maxOutputTokens())
                .timeout(timeout)
                .customHeaders(headers)
                .maxRetries(0);
        if (model.baseUrl() != null) {
          builder.baseUrl(model.baseUrl());
        }
        yield builder.build();
      }
      case DEMO -> new DemoChatModel();
    };
  }

  private String apiKey(String ref) {
    return ref == null ? NO_KEY : secrets.resolve(ref, "model.apiKeyRef");
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
