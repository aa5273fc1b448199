package dev.agentruntime.worker.model;

import dev.agentruntime.core.spec.ModelProvider;
import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressClient;
import dev.agentruntime.worker.egress.EgressLimits;
import dev.agentruntime.worker.secret.SecretResolver;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds the LangChain4j client of a spec's model. Clients never retry on their own: Temporal
 * retries the activity, so every attempt is visible as an event and shares one idempotency key.
 *
 * <p>Every call goes out through the worker's egress gate ({@link EgressHttpClient}) under the
 * run's tenant's policy: a base URL on loopback, a private range or the metadata address is refused
 * unless the operator granted it to the tenant. The API key is resolved for the tenant and for that
 * destination ({@link SecretResolver}).
 *
 * <p>A model object is built once per (model spec, timeout, API key) and kept: building one per
 * call cost a new client every step. What differs per call (the idempotency key header and the
 * tenant's egress client) reaches the shared object through a per-thread value that its header
 * supplier and HTTP client read while the call runs, on the calling thread.
 */
@Singleton
public class ChatModelFactory {

  /** Connect timeout of a model call; the call's own timeout bounds it as well. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Above this many distinct models the cache starts over: specs are few, keys may rotate. */
  static final int MAX_CACHED_MODELS = 256;

  /** What differs per call of a shared model object. */
  private record Call(Map<String, String> headers, EgressClient client) {}

  private static final ThreadLocal<Call> CALL = new ThreadLocal<>();

  public static final String OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";
  public static final String ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com/v1/";

  /** Sent when no key is configured: OpenAI-compatible local servers ignore it, but require one. */
  static final String NO_KEY = "no-key-configured";

  private final SecretResolver secrets;
  private final Egress egress;
  private final EgressHttpClient http = new EgressHttpClient(() -> currentClient());
  private final Map<Key, ChatModel> models = new ConcurrentHashMap<>();

  public ChatModelFactory(SecretResolver secrets, Egress egress) {
    this.secrets = secrets;
    this.egress = egress;
  }

  /** What makes two model objects different; the API key is resolved anew for every call. */
  private record Key(ModelSpec model, Duration timeout, String apiKey) {}

  /**
   * @param tenantId the run's tenant: its secrets, under its egress policy
   * @param timeout timeout of one HTTP call (the activity's attempt timeout)
   * @param headers extra HTTP headers of this call, for example {@code Idempotency-Key}
   */
  public ChatModel create(
      String tenantId, ModelSpec model, Duration timeout, Map<String, String> headers) {
    if (model.provider() == ModelProvider.DEMO) {
      return new DemoChatModel();
    }
    String apiKey =
        model.provider() == ModelProvider.OLLAMA
            ? null
            : apiKey(tenantId, model.apiKeyRef(), destination(model));
    if (models.size() >= MAX_CACHED_MODELS) {
      models.clear();
    }
    ChatModel shared = models.computeIfAbsent(new Key(model, timeout, apiKey), this::build);
    EgressClient client =
        egress.forSpecUrl(
            tenantId,
            new EgressLimits(EgressHttpClient.MAX_ANSWER_BYTES, CONNECT_TIMEOUT, timeout, 0, true));
    return new WithCall(shared, new Call(Map.copyOf(headers), client));
  }

  /** Where the model's calls go: its base URL, or its provider's well-known one. */
  static URI destination(ModelSpec model) {
    String base =
        switch (model.provider()) {
          case OPENAI -> orDefault(model.baseUrl(), OPENAI_DEFAULT_BASE_URL);
          case OLLAMA -> orDefault(model.baseUrl(), OLLAMA_DEFAULT_BASE_URL);
          case ANTHROPIC -> orDefault(model.baseUrl(), ANTHROPIC_DEFAULT_BASE_URL);
          case DEMO -> "demo:model";
        };
    return URI.create(base);
  }

  private static EgressClient currentClient() {
    Call call = CALL.get();
    return call == null ? null : call.client();
  }

  /** Number of model objects kept (for tests). */
  int cachedModels() {
    return models.size();
  }

  private HttpClientBuilder httpClients() {
    return new EgressHttpClient.Builder(http);
  }

  private ChatModel build(Key key) {
    // Read per request, on the calling thread: the headers WithCall set for this call.
    Supplier<Map<String, String>> headers =
        () -> CALL.get() == null ? Map.of() : CALL.get().headers();
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

  /** A shared model object, called with this call's headers and egress client. */
  private record WithCall(ChatModel shared, Call call) implements ChatModel {
    @Override
    public ChatResponse chat(ChatRequest request) {
      CALL.set(call);
      try {
        return shared.chat(request);
      } finally {
        CALL.remove();
      }
    }
  }

  private String apiKey(String tenantId, String ref, URI destination) {
    return ref == null ? NO_KEY : secrets.resolve(tenantId, ref, "model.apiKeyRef", destination);
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
