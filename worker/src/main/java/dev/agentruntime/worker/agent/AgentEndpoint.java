package dev.agentruntime.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressClient;
import dev.agentruntime.worker.egress.EgressException;
import dev.agentruntime.worker.egress.EgressFailed;
import dev.agentruntime.worker.egress.EgressLimits;
import dev.agentruntime.worker.egress.EgressRefused;
import dev.agentruntime.worker.egress.EgressResponse;
import dev.agentruntime.worker.egress.SentCredentials;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP side of the agent protocol (docs/agent-protocol.md): the manifest and the turns of an
 * agent, with the protocol's headers, size cap and failure classes. Every request goes out through
 * the worker's egress gate under the run's tenant's policy ({@link Egress#forSpecUrl}): an endpoint
 * on loopback, a private range or the metadata address is refused before anything is sent unless
 * the operator granted it to the tenant. Redirects are not followed: the endpoint must name the
 * agent itself. A thread interrupted while it waits (a cancelled run, see {@code Heartbeats})
 * cancels the exchange and closes the connection.
 */
@Singleton
public final class AgentEndpoint {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  public static final String DEADLINE = "Agent-Runtime-Deadline";

  /** An answer larger than this is refused: state belongs in the answer, not whole documents. */
  public static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<Integer> RETRYABLE = Set.of(408, 425, 429);

  private final Egress egress;

  public AgentEndpoint(Egress egress) {
    this.egress = egress;
  }

  /** {@code GET {endpoint}/manifest}. */
  public AgentManifest manifest(String tenantId, URI endpoint, String bearer, Duration timeout) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    return AgentManifest.parse(
        send(
            tenantId,
            "GET",
            resolve(endpoint, "manifest"),
            headers,
            bearer,
            null,
            timeout,
            "manifest"));
  }

  /** {@code POST {endpoint}/turns} with the turn's idempotency key and deadline. */
  public TurnAnswer turn(
      String tenantId,
      URI endpoint,
      String bearer,
      String idempotencyKey,
      Instant deadline,
      String body) {
    Duration timeout = Duration.between(Instant.now(), deadline);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json");
    headers.put(IDEMPOTENCY_KEY, idempotencyKey);
    headers.put(DEADLINE, deadline.toString());
    return TurnAnswer.parse(
        send(
            tenantId,
            "POST",
            resolve(endpoint, "turns"),
            headers,
            bearer,
            body.getBytes(StandardCharsets.UTF_8),
            timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout,
            "turn"));
  }

  /** The endpoint is a base URL: {@code http://agent:8000} and {@code http://agent:8000/} alike. */
  static URI resolve(URI endpoint, String path) {
    String base = endpoint.toString();
    return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
  }

  private JsonNode send(
      String tenantId,
      String method,
      URI url,
      Map<String, String> headers,
      String bearer,
      byte[] body,
      Duration timeout,
      String what) {
    if (bearer != null) {
      headers.put("Authorization", "Bearer " + bearer);
    }
    EgressClient client =
        egress.forSpecUrl(
            tenantId, new EgressLimits(MAX_ANSWER_BYTES, CONNECT_TIMEOUT, timeout, 0, true));
    EgressResponse response;
    try {
      response = client.execute(method, url, headers, body);
    } catch (EgressRefused e) {
      throw AgentCallFailed.refused("the agent's " + what + " was refused: " + e.reason(), null);
    } catch (EgressFailed e) {
      if (Thread.currentThread().isInterrupted()) {
        throw AgentCallFailed.unavailable("the agent's " + what + " was interrupted", null, e);
      }
      if (e.getMessage().startsWith("failed: timed out")) {
        throw AgentCallFailed.unavailable(
            "the agent did not answer its " + what + " in time", null, e);
      }
      throw AgentCallFailed.unavailable(
          "the agent's " + what + " failed (" + e.getMessage() + ")", null, e);
    } catch (EgressException e) {
      throw new IllegalStateException(e);
    }
    int status = response.status();
    if (response.truncated()) {
      throw AgentCallFailed.refused(
          "the agent's " + what + " answer is larger than " + MAX_ANSWER_BYTES + " bytes", status);
    }
    String text = response.bodyText();
    if (status == 200) {
      try {
        return Json.read(text);
      } catch (IllegalArgumentException e) {
        throw AgentCallFailed.refused("the agent's " + what + " answer is not JSON", status);
      }
    }
    // An agent reached by an operator's grant (an internal address) is not quoted: status only.
    String said =
        response.internal() ? "" : SentCredentials.redact(problem(response, text), headers);
    String message = "the agent answered its " + what + " with HTTP " + status + said;
    if (status >= 500 || RETRYABLE.contains(status)) {
      throw AgentCallFailed.unavailable(message, status, null);
    }
    throw AgentCallFailed.refused(message, status);
  }

  /** The title and detail of an {@code application/problem+json} answer, made safe to record. */
  private static String problem(EgressResponse response, String text) {
    boolean isProblem =
        response.headers().getOrDefault("content-type", List.of()).stream()
            .anyMatch(type -> type.startsWith("application/problem+json"));
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
}
