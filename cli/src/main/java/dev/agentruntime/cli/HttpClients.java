package dev.agentruntime.cli;

import dev.agentruntime.client.AgentRuntimeClient;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The builder the generated client makes its HTTP clients with (one per operation group), keeping
 * each so that a command can shut them down when it is done. A JDK HTTP client's selector thread
 * waits in native code, and the JVM's exit waits about 300 ms for such threads: closed first, a
 * command ends at once. Built as {@link AgentRuntimeClient} builds its own: HTTP/1.1, its connect
 * timeout.
 */
final class HttpClients implements HttpClient.Builder {

  private final HttpClient.Builder builder =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(AgentRuntimeClient.CONNECT_TIMEOUT);
  private final List<HttpClient> built = new CopyOnWriteArrayList<>();

  @Override
  public HttpClient build() {
    HttpClient client = builder.build();
    built.add(client);
    return client;
  }

  /** Stops every client built, and waits a little for their threads to end. */
  void shutdown() {
    for (HttpClient client : built) {
      client.shutdownNow();
    }
    for (HttpClient client : built) {
      try {
        client.awaitTermination(Duration.ofMillis(200));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
    builder.cookieHandler(cookieHandler);
    return this;
  }

  @Override
  public HttpClient.Builder connectTimeout(Duration duration) {
    builder.connectTimeout(duration);
    return this;
  }

  @Override
  public HttpClient.Builder sslContext(SSLContext sslContext) {
    builder.sslContext(sslContext);
    return this;
  }

  @Override
  public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
    builder.sslParameters(sslParameters);
    return this;
  }

  @Override
  public HttpClient.Builder executor(Executor executor) {
    builder.executor(executor);
    return this;
  }

  @Override
  public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
    builder.followRedirects(policy);
    return this;
  }

  @Override
  public HttpClient.Builder version(HttpClient.Version version) {
    builder.version(version);
    return this;
  }

  @Override
  public HttpClient.Builder priority(int priority) {
    builder.priority(priority);
    return this;
  }

  @Override
  public HttpClient.Builder proxy(ProxySelector proxySelector) {
    builder.proxy(proxySelector);
    return this;
  }

  @Override
  public HttpClient.Builder authenticator(Authenticator authenticator) {
    builder.authenticator(authenticator);
    return this;
  }

  @Override
  public HttpClient.Builder localAddress(InetAddress localAddr) {
    builder.localAddress(localAddr);
    return this;
  }
}
