package dev.agentruntime.worker.model;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link HttpClient.Builder} whose {@link #build()} hands out one client built once, so that
 * LangChain4j's JDK transport, which builds a client per model object, shares this worker's
 * connection pool and selector thread instead of opening a new TCP connection (and a new thread)
 * for every model call. Settings LangChain4j applies per model (its connect timeout) are ignored:
 * the shared client has its own, and each request still carries its model's read timeout.
 */
final class SharedJdkClientBuilder implements HttpClient.Builder {

  private final HttpClient shared;

  SharedJdkClientBuilder(HttpClient shared) {
    this.shared = shared;
  }

  @Override
  public HttpClient build() {
    return shared;
  }

  @Override
  public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
    return this;
  }

  @Override
  public HttpClient.Builder connectTimeout(Duration duration) {
    return this;
  }

  @Override
  public HttpClient.Builder sslContext(SSLContext sslContext) {
    return this;
  }

  @Override
  public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
    return this;
  }

  @Override
  public HttpClient.Builder executor(Executor executor) {
    return this;
  }

  @Override
  public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
    return this;
  }

  @Override
  public HttpClient.Builder version(HttpClient.Version version) {
    return this;
  }

  @Override
  public HttpClient.Builder priority(int priority) {
    return this;
  }

  @Override
  public HttpClient.Builder proxy(ProxySelector proxySelector) {
    return this;
  }

  @Override
  public HttpClient.Builder authenticator(Authenticator authenticator) {
    return this;
  }

  @Override
  public HttpClient.Builder localAddress(InetAddress localAddr) {
    return this;
  }
}
