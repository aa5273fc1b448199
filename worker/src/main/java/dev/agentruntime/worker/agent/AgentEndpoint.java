package dev.agentruntime.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.worker.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The HTTP side of the agent protocol (docs/agent-protocol.md): the manifest and the turns of an
 * agent, with the protocol's headers, size cap and failure classes. Redirects are not followed: the
 * endpoint must name the agent itself. A thread interrupted while it waits (a cancelled run, see
 * {@code Heartbeats}) makes the JDK client abort the exchange and close the connection.
 */
public final class AgentEndpoint {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  public static final String DEADLINE = "Agent-Runtime-Deadline";

  /** An answer larger than this is refused: state belongs in the answer, not whole documents. */
  public static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<Integer> RETRYABLE = Set.of(408, 425, 429);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** {@code GET {endpoint}/manifest}. */
  public AgentManifest manifest(URI endpoint, String bearer, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(resolve(endpoint, "manifest"))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET();
    return AgentManifest.parse(send(request, bearer, "manifest"));
  }

  /** {@code POST {endpoint}/turns} with the turn's idempotency key and deadline. */
  public TurnAnswer turn(
      URI endpoint, String bearer, String idempotencyKey, Instant deadline, String body) {
    Duration timeout = Duration.between(Instant.now(), deadline);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(resolve(endpoint, "turns"))
            .timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header(IDEMPOTENCY_KEY, idempotencyKey)
            .header(DEADLINE, deadline.toString())
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return TurnAnswer.parse(send(request, bearer, "turn"));
  }

  /** The endpoint is a base URL: {@code http://agent:8000} and {@code http://agent:8000/} alike. */
  static URI resolve(URI endpoint, String path) {
    String base = endpoint.toString();
    return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
  }

  private JsonNode send(HttpRequest.Builder request, String bearer, String what) {
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw AgentCallFailed.unavailable(
          "the agent did not answer its " + what + " in time", null, e);
    } catch (ConnectException e) {
      throw AgentCallFailed.unavailable(
          "the agent is not reachable (" + describe(e) + ")", null, e);
    } catch (IOException e) {
      throw AgentCallFailed.unavailable(
          "the agent's " + what + " failed (" + describe(e) + ")", null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AgentCallFailed.unavailable("the agent's " + what + " was interrupted", null, e);
    }
    int status = response.statusCode();
    String text = read(response, what);
    if (status == 200) {
      try {
        return Json.read(text);
      } catch (IllegalArgumentException e) {
        throw AgentCallFailed.refused("the agent's " + what + " answer is not JSON", status);
      }
    }
    String message =
        "the agent answered its " + what + " with HTTP " + status + problem(response, text);
    if (status >= 500 || RETRYABLE.contains(status)) {
      throw AgentCallFailed.unavailable(message, status, null);
    }
    throw AgentCallFailed.refused(message, status);
  }

  private static String read(HttpResponse<InputStream> response, String what) {
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
      if (bytes.length > MAX_ANSWER_BYTES) {
        throw AgentCallFailed.refused(
            "the agent's " + what + " answer is larger than " + MAX_ANSWER_BYTES + " bytes",
            response.statusCode());
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw AgentCallFailed.unavailable(
          "the agent's " + what + " answer broke off (" + describe(e) + ")", null, e);
    }
  }

  /** The title and detail of an {@code application/problem+json} answer, made safe to record. */
  private static String problem(HttpResponse<InputStream> response, String text) {
    boolean isProblem =
        response
            .headers()
            .firstValue("Content-Type")
            .map(type -> type.startsWith("application/problem+json"))
            .orElse(false);
    if (!isProblem) {
      return "";
    }
    try {
      JsonNode problem = Json.read(text);
      String title = problem.path("title").asText("");
      String detail = problem.path("detail").asText("");
      String said = (title + (detail.isEmpty() ? "" : ": " + detail)).strip();
      return said.isEmpty() ? "" : " (" + LogSafe.escape(said) + ")";
    } catch (IllegalArgumentException notJson) {
      return "";
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
