package dev.agentruntime.worker.tool.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.worker.egress.EgressClient;
import dev.agentruntime.worker.egress.EgressException;
import dev.agentruntime.worker.egress.EgressResponse;
import dev.langchain4j.mcp.client.McpCallContext;
import dev.langchain4j.mcp.client.transport.McpOperationHandler;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.protocol.McpClientMessage;
import dev.langchain4j.mcp.protocol.McpInitializationNotification;
import dev.langchain4j.mcp.protocol.McpInitializeRequest;
import dev.langchain4j.mcp.protocol.McpJsonRpcMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * MCP's streamable HTTP transport over the worker's egress client, instead of LangChain4j's own
 * (which builds a JDK client that resolves the host again and connects wherever DNS then says).
 * Every request passes the egress gate and connects only to the addresses it checked, so a DNS
 * answer that changes after the check (rebinding) reaches nothing; no redirect is followed and an
 * answer is capped at {@link #MAX_ANSWER_BYTES}.
 *
 * <p>Requests are sent on the calling thread, one at a time, and answered in full before the call
 * returns: a JSON answer, or an SSE stream the server closes once the request is answered (no
 * subsidiary GET stream is opened). An interrupt of the calling thread (a cancelled activity)
 * cancels the exchange. The session id the server assigns ({@code Mcp-Session-Id}) is sent with
 * every later request of the session.
 */
final class EgressMcpTransport implements McpTransport {

  /** The largest answer read; a tools/list page or a tool result is far smaller. */
  static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EgressClient client;
  private final URI url;
  private final Map<String, String> headers;
  private final AtomicReference<String> sessionId = new AtomicReference<>();
  private volatile McpOperationHandler handler;

  /**
   * @param headers sent with every request, e.g. {@code Authorization}
   */
  EgressMcpTransport(EgressClient client, URI url, Map<String, String> headers) {
    this.client = client;
    this.url = url;
    this.headers = Map.copyOf(headers);
  }

  @Override
  public void start(McpOperationHandler handler) {
    this.handler = handler;
  }

  @Override
  public CompletableFuture<JsonNode> initialize(McpInitializeRequest request) {
    CompletableFuture<JsonNode> initialized = send(request, true);
    if (initialized.isCompletedExceptionally()) {
      return initialized;
    }
    CompletableFuture<JsonNode> notified = send(new McpInitializationNotification(), false);
    return notified.isCompletedExceptionally() ? notified : initialized;
  }

  @Override
  public CompletableFuture<JsonNode> executeOperationWithResponse(McpClientMessage request) {
    return send(request, true);
  }

  @Override
  public CompletableFuture<JsonNode> executeOperationWithResponse(McpCallContext context) {
    return send(context.message(), true);
  }

  @Override
  public void executeOperationWithoutResponse(McpClientMessage request) {
    send(request, false);
  }

  @Override
  public void executeOperationWithoutResponse(McpCallContext context) {
    send(context.message(), false);
  }

  @Override
  public void checkHealth() {
    // Sessions live for one use; there is nothing between requests to check.
  }

  @Override
  public void onFailure(Runnable actionOnFailure) {
    // No background channel whose loss would need reporting.
  }

  @Override
  public void close() {
    // Nothing held open: every exchange is complete when its call returns.
  }

  private CompletableFuture<JsonNode> send(McpJsonRpcMessage message, boolean expectsAnswer) {
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    Long id = message.getId();
    if (expectsAnswer && id != null) {
      handler.startOperation(id, answer);
    }
    try {
      EgressResponse response =
          client.execute("POST", url, requestHeaders(message), JSON.writeValueAsBytes(message));
      String session = first(response, "mcp-session-id");
      if (session != null) {
        sessionId.set(session);
      }
      if (response.status() != 200 && response.status() != 202) {
        answer.completeExceptionally(
            new McpTransportException("the MCP server answered HTTP " + response.status()));
        return answer;
      }
      if (response.truncated()) {
        answer.completeExceptionally(
            new McpTransportException(
                "the MCP server's answer is larger than " + MAX_ANSWER_BYTES + " bytes"));
        return answer;
      }
      for (JsonNode received : messages(response)) {
        handler.handle(received);
      }
    } catch (EgressException e) {
      answer.completeExceptionally(new McpTransportException(e.getMessage()));
    } catch (JsonProcessingException e) {
      answer.completeExceptionally(
          new McpTransportException("the MCP server's answer is not JSON-RPC"));
    }
    if (!expectsAnswer || id == null) {
      answer.complete(null);
    } else if (!answer.isDone()) {
      answer.completeExceptionally(
          new McpTransportException("the MCP server's answer holds no response to request " + id));
    }
    return answer;
  }

  private Map<String, String> requestHeaders(McpJsonRpcMessage message) {
    Map<String, String> sent = new LinkedHashMap<>(headers);
    sent.put("Content-Type", "application/json");
    sent.put("Accept", "application/json, text/event-stream");
    String session = sessionId.get();
    if (session != null && !(message instanceof McpInitializeRequest)) {
      sent.put("Mcp-Session-Id", session);
    }
    return sent;
  }

  /** The JSON-RPC messages of an answer: a JSON body, or the data of each SSE event. */
  private static List<JsonNode> messages(EgressResponse response) throws JsonProcessingException {
    String body = response.bodyText();
    String type = first(response, "content-type");
    if (type != null && type.startsWith("text/event-stream")) {
      List<JsonNode> events = new ArrayList<>();
      for (String data : ServerSentEvents.data(body)) {
        events.add(JSON.readTree(data));
      }
      return events;
    }
    return body.isBlank() ? List.of() : List.of(JSON.readTree(body));
  }

  private static String first(EgressResponse response, String header) {
    List<String> values = response.headers().get(header);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A failed exchange; its message is the egress client's or names the status, never a body. */
  static final class McpTransportException extends RuntimeException {
    McpTransportException(String message) {
      super(message);
    }
  }
}
