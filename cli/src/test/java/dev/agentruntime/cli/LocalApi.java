package dev.agentruntime.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free local port whose answers a test scripts, one handler per exchange in
 * order: for the client behaviour the real stack cannot be made to show on demand (a stream that
 * ends early, a 503 with Retry-After, an identity provider's device grant).
 */
final class LocalApi implements AutoCloseable {

  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final List<Handler> script = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  final List<String> bodies = new CopyOnWriteArrayList<>();

  LocalApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          String id = exchange.getRequestHeaders().getFirst("Last-Event-ID");
          lastEventIds.add(id == null ? "-" : id);
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int n = requests.size() - 1;
          try {
            if (n < script.size()) {
              script.get(n).handle(exchange);
            } else {
              send(exchange, 500, "application/json", "{\"status\":500,\"title\":\"unscripted\"}");
            }
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  LocalApi then(Handler handler) {
    script.add(handler);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** An SSE answer with these frames, then the end of the stream. */
  static Handler stream(String... frames) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (String frame : frames) {
          out.write(frame.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    };
  }

  static String frame(int seq, String type) {
    return "id:"
        + seq
        + "\nevent:"
        + type
        + "\ndata:{\"seq\":"
        + seq
        + ",\"type\":\""
        + type
        + "\",\"payload\":{},\"createdAt\":\"2026-01-01T00:00:0"
        + (seq % 10)
        + "Z\"}\n\n";
  }

  static Handler json(int status, String body) {
    return exchange -> send(exchange, status, "application/json", body);
  }

  static Handler problem(int status, String retryAfter) {
    return exchange -> {
      if (retryAfter != null) {
        exchange.getResponseHeaders().set("Retry-After", retryAfter);
      }
      send(
          exchange,
          status,
          "application/problem+json",
          "{\"type\":\"https://agent-runtime.dev/problems/database-unavailable\",\"title\":\"Service"
              + " Unavailable\",\"status\":"
              + status
              + ",\"detail\":\"try again\"}");
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
