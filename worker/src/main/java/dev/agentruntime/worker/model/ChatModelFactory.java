package dev.agentruntime.worker.model;

import dev.agentruntime.core.spec.ModelProvider;
import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.worker.secret.SecretResolver;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds the LangChain4j client of a spec's model. Clients never retry on their own: Temporal
 * retries the activity, so every attempt is visible as an event and shares one idempotency key.
 *
 * <p>A model object is built once per (model spec, timeout, API key) and kept: building one per
 * call cost a new HTTP client, TCP connection and selector thread every step. All of them share one
 * JDK HTTP client ({@link SharedJdkClientBuilder}). The headers that differ per call (the
 * idempotency key) reach the shared object through a per-thread value that its header supplier
 * reads while the call is being built, on the calling thread.
 */
@Singleton
public class ChatModelFactory {

  /** Connect timeout of the shared client; each request's own timeout bounds it as well. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Above this many distinct models the cache starts over: specs are few, keys may rotate. */
  static final int MAX_CACHED_MODELS = 256;

  private static final ThreadLocal<Map<String, String>> CALL_HEADERS =
      ThreadLocal.withInitial(Map::of);

  public static final String OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";

  /** Sent when no key is configured: OpenAI-compatible local servers ignore it, but require one. */
  static final String NO_KEY = "no-key-configured";

  private final SecretResolver secrets;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  private final Map<Key, ChatModel> models = new ConcurrentHashMap<>();

  public ChatModelFactory(SecretResolver secrets) {
    this.secrets = secrets;
  }

  /** What makes two model objects different; the API key is resolved anew for every call. */
  private record Key(ModelSpec model, Duration timeout, String apiKey) {}

  /**
   * @param timeout timeout of one HTTP call (the activity's attempt timeout)
   * @param headers extra HTTP headers of this call, for example {@code Idempotency-Key}
   */
  public ChatModel create(ModelSpec model, Duration timeout, Map<String, String> headers) {
    if (model.provider() == ModelProvider.DEMO) {
      return new DemoChatModel();
    }
    String apiKey = model.provider() == ModelProvider.OLLAMA ? null : apiKey(model.apiKeyRef());
    if (models.size() >= MAX_CACHED_MODELS) {
      models.clear();
    }
    ChatModel shared = models.computeIfAbsent(new Key(model, timeout, apiKey), this::build);
    return new WithHeaders(shared, Map.copyOf(headers));
  }

  /** Number of model objects kept (for tests). */
  int cachedModels() {
    return models.size();
  }

  private HttpClientBuilder httpClients() {
    return JdkHttpClient.builder().httpClientBuilder(new SharedJdkClientBuilder(http));
  }

  private ChatModel build(Key key) {
    // Read per request, on the calling thread: the headers WithHeaders set for this call.
    Supplier<Map<String, String>> headers = CALL_HEADERS::get;
    ModelSpec model = key.model();
    Duration timeout = key.timeout();
    return switch (model.provider()) {
      case OPENAI ->
          OpenAiChatModel.builder()
              .baseUrl(orDefault(model.baseUrl(), OPENAI_DEFAULT_BASE_URL))
              .apiKey(key.apiKey())
              .modelName(model.name())
              .temperature(model.temperature())
              .maxTokens(model.maxOutputTokens())
              .timeout(timeout)
              .customHeaders(headers)
              .httpClientBuilder(httpClients())
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
              .httpClientBuilder(httpClients())
              .build();
      case ANTHROPIC -> {
        var builder =
            AnthropicChatModel.builder()
                .apiKey(key.apiKey())
                .modelName(model.name())
                .temperature(model.temperature())
                .maxTokens(model.maxOutputTokens())
                .timeout(timeout)
                .customHeaders(headers)
                .httpClientBuilder(httpClients())
                .maxRetries(0);
        if (model.baseUrl() != null) {
          builder.baseUrl(model.baseUrl());
        }
        yield builder.build();
      }
      case DEMO -> throw new IllegalStateException("the demo model is built per call");
    };
  }

  /** A shared model object, called with this call's headers. */
  private record WithHeaders(ChatModel shared, Map<String, String> headers) implements ChatModel {
    @Override
    public ChatResponse chat(ChatRequest request) {
      CALL_HEADERS.set(headers);
      try {
        return shared.chat(request);
      } finally {
        CALL_HEADERS.remove();
      }
    }
  }

  private String apiKey(String ref) {
    return ref == null ? NO_KEY : secrets.resolve(ref, "model.apiKeyRef");
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
