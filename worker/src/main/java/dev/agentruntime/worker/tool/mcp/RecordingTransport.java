package dev.agentruntime.worker.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.mcp.client.McpCallContext;
import dev.langchain4j.mcp.client.transport.McpOperationHandler;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.protocol.McpCallToolRequest;
import dev.langchain4j.mcp.protocol.McpClientMessage;
import dev.langchain4j.mcp.protocol.McpInitializeRequest;
import dev.langchain4j.mcp.protocol.McpListToolsRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport that keeps the raw JSON-RPC answers to {@code tools/list} and {@code tools/call}.
 * LangChain4j's client turns them into its own types, which drop what the pin must hash (the
 * server's exact input schema) and what the model must read (every content part, {@code isError});
 * the session reads the raw answers instead.
 */
final class RecordingTransport implements McpTransport {

  private final McpTransport delegate;
  final List<JsonNode> toolLists = new CopyOnWriteArrayList<>();
  final List<JsonNode> toolCalls = new CopyOnWriteArrayList<>();

  RecordingTransport(McpTransport delegate) {
    this.delegate = delegate;
  }

  @Override
  public void start(McpOperationHandler messageHandler) {
    delegate.start(messageHandler);
  }

  @Override
  public CompletableFuture<JsonNode> initialize(McpInitializeRequest request) {
    return delegate.initialize(request);
  }

  @Override
  public CompletableFuture<JsonNode> executeOperationWithResponse(McpClientMessage request) {
    return record(request, delegate.executeOperationWithResponse(request));
  }

  @Override
  public CompletableFuture<JsonNode> executeOperationWithResponse(McpCallContext context) {
    return record(context.message(), delegate.executeOperationWithResponse(context));
  }

  @Override
  public void executeOperationWithoutResponse(McpClientMessage request) {
    delegate.executeOperationWithoutResponse(request);
  }

  @Override
  public void executeOperationWithoutResponse(McpCallContext context) {
    delegate.executeOperationWithoutResponse(context);
  }

  @Override
  public void checkHealth() {
    delegate.checkHealth();
  }

  @Override
  public void onFailure(Runnable actionOnFailure) {
    delegate.onFailure(actionOnFailure);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  private CompletableFuture<JsonNode> record(
      McpClientMessage message, CompletableFuture<JsonNode> answer) {
    List<JsonNode> into =
        message instanceof McpListToolsRequest
            ? toolLists
            : message instanceof McpCallToolRequest ? toolCalls : null;
    if (into == null) {
      return answer;
    }
    return answer.thenApply(
        node -> {
          into.add(node);
          return node;
        });
  }
}
