package dev.agentruntime.worker.model;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.worker.egress.EgressClient;
import dev.agentruntime.worker.egress.EgressException;
import dev.agentruntime.worker.egress.EgressRefused;
import dev.agentruntime.worker.egress.EgressResponse;
import dev.agentruntime.worker.egress.SentCredentials;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * LangChain4j's HTTP seam, answered by the worker's egress gate: every model call (OpenAI
 * compatible, Ollama, Anthropic) goes through {@link EgressClient} under the run's tenant's policy,
 * connects only to checked addresses, follows no redirect, and reads at most {@link
 * #MAX_ANSWER_BYTES}; a larger answer fails the attempt instead of filling the worker's memory.
 *
 * <p>The model objects are shared between runs and tenants (built once per spec and key), so the
 * client of the current call comes from {@code current}, set around each call on its thread; with
 * none set, nothing is sent.
 */
final class EgressHttpClient implements HttpClient {

  /** The largest model answer read; a real one is far smaller. */
  static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

  private final Supplier<EgressClient> current;

  EgressHttpClient(Supplier<EgressClient> current) {
    this.current = current;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    EgressClient client = current.get();
    if (client == null) {
      throw new IllegalStateException("a model call outside a run's egress context");
    }
    if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
      throw new IllegalStateException("multipart requests are not used by chat models");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    request.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
    byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
    EgressResponse response;
    try {
      response = client.execute(request.method().name(), URI.create(request.url()), headers, body);
    } catch (EgressRefused e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the model call was refused: " + e.reason(), ActivityFailureTypes.CLIENT_ERROR);
    } catch (EgressException e) {
      throw new ModelUnreachable("the model call failed: " + e.getMessage());
    }
    if (response.truncated()) {
      throw ApplicationFailure.newFailure(
          "the model's answer is larger than " + MAX_ANSWER_BYTES + " bytes",
          ActivityFailureTypes.MODEL_UNAVAILABLE);
    }
    if (response.status() < 200 || response.status() > 299) {
      // An internal service (reached by an operator's grant) says nothing beyond its status; a
      // public one's words are kept without any credential this request carried.
      throw new HttpException(
          response.status(),
          response.internal() ? "" : SentCredentials.redact(response.bodyText(), headers));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.status())
        .headers(response.headers())
        .body(response.body())
        .build();
  }

  /** Streaming is not used by the worker's models; an answer is parsed once it is complete. */
  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    SuccessfulHttpResponse response;
    try {
      response = execute(request);
    } catch (RuntimeException e) {
      listener.onError(e);
      return;
    }
    listener.onOpen(response);
    parser.parse(new ByteArrayInputStream(response.bodyBytes()), listener);
    listener.onClose();
  }

  /** A failure to reach the model: retryable, and its message is the egress client's own. */
  static final class ModelUnreachable extends RuntimeException {
    ModelUnreachable(String message) {
      super(message, null, false, false);
    }
  }

  /** The builder LangChain4j's model builders take; every build answers the same client. */
  record Builder(EgressHttpClient client) implements HttpClientBuilder {
    @Override
    public Duration connectTimeout() {
      return null;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      return this;
    }

    @Override
    public Duration readTimeout() {
      return null;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      return this;
    }

    @Override
    public HttpClient build() {
      return client;
    }
  }
}
