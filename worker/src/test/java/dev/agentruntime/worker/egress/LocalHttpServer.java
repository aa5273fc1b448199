package dev.agentruntime.worker.egress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** A real HTTP(S) server on 127.0.0.1 that records every request it receives. */
final class LocalHttpServer implements AutoCloseable {

  record Received(String method, String path, Map<String, List<String>> headers) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private LocalHttpServer(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
    server.start();
  }

  static LocalHttpServer http() {
    try {
      return new LocalHttpServer(HttpServer.create(loopback(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS server; {@code tune} sees the TLS parameters of every handshake (SNI matchers...). */
  static LocalHttpServer https(SSLContext context, Consumer<SSLParameters> tune) {
    try {
      HttpsServer server = HttpsServer.create(loopback(), 0);
      server.setHttpsConfigurator(
          new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
              SSLParameters parameters = context.getDefaultSSLParameters();
              tune.accept(parameters);
              params.setSSLParameters(parameters);
            }
          });
      return new LocalHttpServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves {@code path} (and everything under it) with {@code handler}, recording each request. */
  LocalHttpServer on(String path, HttpHandler handler) {
    server.createContext(
        path,
        exchange -> {
          Map<String, List<String>> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
          received.add(
              new Received(
                  exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers));
          try (exchange) {
            handler.handle(exchange);
          }
        });
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void redirect(HttpExchange exchange, int status, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }
}
