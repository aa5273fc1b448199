package dev.agentruntime.worker.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * HTTP egress that cannot be steered into the internal network (SSRF): the one way out of the
 * worker for everything done on a tenant's behalf (model calls, HTTP agents, MCP servers, {@code
 * http_request}). Every hop, the first and each redirect, passes the {@link EgressGate}: the
 * tenant's rules, one lookup of the host, every address against the platform's policy; then the
 * connection goes to those checked addresses only (OkHttp's {@link Dns} hook answers from the
 * pinned list and never looks up again), so a DNS answer that changes between check and connect
 * (rebinding) reaches nothing. TLS still sends SNI and verifies the certificate against the URL's
 * host name: only the address lookup is replaced.
 *
 * <p>Redirects are followed by hand, at most {@link EgressLimits#maxRedirects()}; a cross-origin
 * hop (another scheme, host or port) drops {@code Authorization}, {@code Cookie} and {@code
 * Proxy-Authorization}. No proxy, no cookie jar, no cache. A pooled connection is reused only with
 * {@link EgressLimits#reuseConnections()} and only for the same host and the same checked addresses
 * ({@link PinnedDns} equality is part of OkHttp's connection key), so no call reaches an address
 * its own check did not pass.
 *
 * <p>Thread-safe and cheap: the OkHttp machinery (dispatcher, pools) is shared by all instances
 * with the default trust store.
 */
public final class EgressClient {

  public static final int MAX_REDIRECTS = 5;

  private static final OkHttpClient SHARED = base(null, false);
  private static final OkHttpClient SHARED_REUSING = base(null, true);

  private final EgressGate gate;
  private final EgressLimits limits;
  private final OkHttpClient base;

  public EgressClient(EgressGate gate, EgressLimits limits) {
    this(gate, limits, null);
  }

  /**
   * @param trust the certificates https trusts; null for the JDK's default trust store (tests pass
   *     a store holding their self-signed certificate)
   */
  public EgressClient(EgressGate gate, EgressLimits limits, X509TrustManager trust) {
    this.gate = Objects.requireNonNull(gate);
    this.limits = Objects.requireNonNull(limits);
    if (trust != null) {
      this.base = base(trust, limits.reuseConnections());
    } else {
      this.base = limits.reuseConnections() ? SHARED_REUSING : SHARED;
    }
  }

  private static OkHttpClient base(X509TrustManager trust, boolean reuse) {
    // OkHttp queues calls beyond 5 per host and 64 in all; the worker's own activity slots are
    // the bound that matters, so the dispatcher never makes a call wait behind another.
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(1024);
    dispatcher.setMaxRequestsPerHost(1024);
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .followRedirects(false)
            .followSslRedirects(false)
            // A proxy would resolve the host itself, after our check.
            .proxy(Proxy.NO_PROXY)
            .connectionPool(
                reuse
                    ? new ConnectionPool(32, 1, TimeUnit.MINUTES)
                    // No idle connection survives a call, so nothing is reused without a check.
                    : new ConnectionPool(0, 1, TimeUnit.MILLISECONDS));
    if (trust != null) {
      builder.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
    }
    return builder.build();
  }

  /**
   * Sends one request, following redirects under the same rules.
   *
   * @param headers request headers; framing headers and {@code Host} are the client's and dropped
   * @param body the request body, or null
   * @throws EgressRefused when a rule refuses a hop (nothing was sent to that hop)
   * @throws EgressFailed when an allowed hop fails (lookup, connect, TLS, total time)
   */
  public EgressResponse execute(String method, URI url, Map<String, String> headers, byte[] body)
      throws EgressException {
    long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
    String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
    if (!EgressRequests.METHODS.contains(verb)) {
      throw new EgressRefused("method " + method + " is not one of " + EgressRequests.METHODS);
    }
    if (body != null && (verb.equals("GET") || verb.equals("HEAD"))) {
      throw new EgressRefused("a " + verb + " request cannot carry a body");
    }
    HttpUrl current = EgressRequests.httpUrl(url == null ? null : url.toString(), "");
    Headers sent = EgressRequests.requestHeaders(headers);
    for (int redirects = 0; ; redirects++) {
      String hop = redirects == 0 ? "" : "redirect to " + current + ": ";
      EgressGate.Destination destination = gate.check(current, hop);
      Request request =
          new Request.Builder()
              .url(current)
              .headers(sent)
              .method(verb, EgressRequests.body(verb, body))
              .build();
      Call call = client(current.host(), destination.addresses(), deadline).newCall(request);
      Response response = send(call, current, deadline);
      String location = response.header("Location");
      if (!EgressRequests.isRedirect(response.code())
          || location == null
          || limits.maxRedirects() == 0) {
        return read(call, response, current, destination.internal(), deadline);
      }
      response.close();
      if (redirects == limits.maxRedirects()) {
        throw new EgressRefused(
            "more than "
                + limits.maxRedirects()
                + " redirects (the last one from "
                + current
                + ")");
      }
      HttpUrl next = current.resolve(location);
      if (next == null) {
        throw new EgressRefused("redirect from " + current + " to an unsupported URL: " + location);
      }
      next = EgressRequests.httpUrl(next.toString(), "redirect from " + current + ": ");
      if (!EgressRequests.sameOrigin(current, next)) {
        sent = EgressRequests.withoutCredentials(sent);
      }
      // Browsers' rule: 303, and 301/302 after a POST, continue as a GET without the body.
      int code = response.code();
      if (code == 303 || ((code == 301 || code == 302) && verb.equals("POST"))) {
        verb = verb.equals("HEAD") ? "HEAD" : "GET";
        body = null;
        sent = sent.newBuilder().removeAll("Content-Type").build();
      }
      current = next;
    }
  }

  private OkHttpClient client(String host, List<InetAddress> pinned, long deadline)
      throws EgressFailed {
    long remaining = remainingMillis(deadline);
    if (remaining <= 0) {
      throw timedOut(null);
    }
    return base.newBuilder()
        .dns(new PinnedDns(host, pinned))
        .connectTimeout(limits.connectTimeout())
        .readTimeout(limits.totalTimeout())
        .writeTimeout(limits.totalTimeout())
        .callTimeout(Duration.ofMillis(remaining))
        .build();
  }

  /**
   * Sends and waits for the response's head. The wait answers to an interrupt (a cancelled run's
   * activity interrupts its thread): the call is then cancelled, which closes its connection, where
   * a plain blocking {@code execute()} would sit in its socket read until the time cap.
   */
  private Response send(Call call, HttpUrl url, long deadline) throws EgressFailed {
    CompletableFuture<Response> answer = new CompletableFuture<>();
    call.enqueue(
        new Callback() {
          @Override
          public void onResponse(Call c, Response response) {
            if (!answer.complete(response)) {
              response.close();
            }
          }

          @Override
          public void onFailure(Call c, IOException e) {
            answer.completeExceptionally(e);
          }
        });
    try {
      return answer.get();
    } catch (InterruptedException e) {
      call.cancel();
      Thread.currentThread().interrupt();
      throw new EgressFailed("the request to " + url.host() + " was cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw failure(io, url, deadline);
      }
      throw new EgressFailed("the request to " + url.host() + " failed: " + cause, cause);
    }
  }

  /** Reads at most the cap plus one byte, to know whether there was more, and then hangs up. */
  private EgressResponse read(
      Call call, Response response, HttpUrl url, boolean internal, long deadline)
      throws EgressFailed {
    try (response) {
      byte[] bytes;
      try (InputStream in = response.body().byteStream()) {
        bytes = in.readNBytes(limits.maxResponseBytes() + 1);
        boolean truncated = bytes.length > limits.maxResponseBytes();
        if (truncated) {
          // Cancel before close: closing an unfinished body would otherwise drain the rest.
          call.cancel();
          bytes = Arrays.copyOf(bytes, limits.maxResponseBytes());
        }
        return new EgressResponse(
            response.code(),
            response.headers().toMultimap(),
            bytes,
            truncated,
            url.uri(),
            internal);
      }
    } catch (IOException e) {
      throw failure(e, url, deadline);
    }
  }

  private EgressFailed failure(IOException e, HttpUrl url, long deadline) {
    if (e instanceof InterruptedIOException && remainingMillis(deadline) <= 0) {
      return timedOut(e);
    }
    if (e instanceof InterruptedIOException) {
      return new EgressFailed("no answer from " + url.host() + " in time: " + e.getMessage(), e);
    }
    if (e instanceof SSLException) {
      return new EgressFailed("TLS with " + url.host() + " failed: " + e.getMessage(), e);
    }
    if (e instanceof ConnectException) {
      return new EgressFailed("could not connect to " + url.host() + ":" + url.port(), e);
    }
    return new EgressFailed(url.host() + ": " + e.getMessage(), e);
  }

  private EgressFailed timedOut(IOException cause) {
    return new EgressFailed(
        "timed out: no complete response within "
            + limits.totalTimeout().toMillis()
            + " ms (the total time cap)",
        cause);
  }

  private static long remainingMillis(long deadline) {
    return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
  }

  private static SSLContext sslContext(X509TrustManager trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
