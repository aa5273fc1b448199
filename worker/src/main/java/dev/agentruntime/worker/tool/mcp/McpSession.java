package dev.agentruntime.worker.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.worker.egress.EgressClient;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MCP client session with one server, over the streamable HTTP transport of the worker's egress
 * client ({@link EgressMcpTransport}).
 *
 * <p>Lifecycle: a session lives for one use (listing the tools at first use, or one tool call with
 * its pin check) and is closed right after. Sessions are not cached per (url, auth): a cached
 * session would have to be re-checked against the egress rules anyway (the host's addresses may
 * have changed), servers expire idle sessions, and a short one costs two extra round trips
 * (initialize, initialized) per call, small beside a tool call. It also means no background thread
 * (health checks and the subsidiary SSE channel are off) outlives the activity.
 *
 * <p>Bounded: every request waits at most its timeout; an interrupt (a cancelled activity) stops
 * the wait at once, and {@link #close} then aborts what is still in flight.
 */
final class McpSession implements AutoCloseable {

  /** How long closing may take before the transport's in-flight exchanges are aborted. */
  private static final long CLOSE_WAIT_MILLIS = 2_000;

  private final RecordingTransport transport;
  private final DefaultMcpClient client;

  private McpSession(RecordingTransport transport, DefaultMcpClient client) {
    this.transport = transport;
    this.client = client;
  }

  /**
   * Connects and initializes a session.
   *
   * @param egress the egress client of the run's tenant and the entry's allowlist
   * @param bearer the token to send as {@code Authorization: Bearer}, or null
   * @throws RuntimeException when the server cannot be reached or refuses the session
   */
  static McpSession open(EgressClient egress, String url, String bearer, McpLimits limits) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (bearer != null) {
      headers.put("Authorization", "Bearer " + bearer);
    }
    RecordingTransport transport =
        new RecordingTransport(new EgressMcpTransport(egress, URI.create(url), headers));
    try {
      DefaultMcpClient client =
          new DefaultMcpClient.Builder()
              .transport(transport)
              .clientName("agent-runtime")
              .initializationTimeout(limits.callTimeout())
              .toolExecutionTimeout(limits.callTimeout())
              .autoHealthCheck(false)
              .cacheToolList(false)
              .build();
      return new McpSession(transport, client);
    } catch (RuntimeException e) {
      closeBounded(transport);
      throw e;
    }
  }

  /** The server's tool definitions as it states them (every page), by name. */
  Map<String, JsonNode> listTools() {
    transport.toolLists.clear();
    client.listTools();
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode page : transport.toolLists) {
      for (JsonNode tool : page.path("result").path("tools")) {
        byName.put(tool.path("name").asText(), tool);
      }
    }
    return byName;
  }

  /**
   * Calls a tool and answers the server's raw JSON-RPC response, or null when it did not answer
   * within the call timeout.
   */
  JsonNode callTool(String name, String arguments) {
    transport.toolCalls.clear();
    try {
      client.executeTool(ToolExecutionRequest.builder().name(name).arguments(arguments).build());
    } catch (RuntimeException e) {
      // An isError result or a JSON-RPC error is thrown as an exception; its raw answer is below.
      if (transport.toolCalls.isEmpty()) {
        throw e;
      }
    }
    List<JsonNode> answers = new ArrayList<>(transport.toolCalls);
    return answers.isEmpty() ? null : answers.get(0);
  }

  @Override
  public void close() {
    closeBounded(client);
  }

  /**
   * Closes on another thread and waits briefly: the JDK HTTP client's close waits for in-flight
   * exchanges (a hung tool call), and only an interrupt makes it abort them.
   */
  private static void closeBounded(AutoCloseable closeable) {
    Thread closer =
        Thread.ofPlatform()
            .daemon()
            .name("mcp-session-close")
            .start(
                () -> {
                  try {
                    closeable.close();
                  } catch (Exception ignored) {
                    // Nothing to do: the session is abandoned either way.
                  }
                });
    try {
      closer.join(Duration.ofMillis(CLOSE_WAIT_MILLIS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      closer.interrupt();
    }
  }
}
