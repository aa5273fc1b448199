package dev.agentruntime.worker.egress;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;

/** How the egress client shapes a request and carries it across a redirect. */
final class EgressRequests {

  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");
  // The client frames the request and chooses the host it talks to; a caller's Host header could
  // route to another virtual host of the allowed server.
  static final Set<String> CLIENT_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "te",
          "trailer",
          "proxy-connection",
          "proxy-authorization");

  static HttpUrl httpUrl(String text, String hop) throws EgressRefused {
    HttpUrl url = text == null ? null : HttpUrl.parse(text);
    if (url == null) {
      throw new EgressRefused(hop + "not an http or https URL: " + text);
    }
    // "https://allowed.example@evil.test" confuses readers; credentials belong in headers.
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new EgressRefused(hop + "credentials in the URL are not allowed, use a header");
    }
    return url;
  }

  static Headers requestHeaders(Map<String, String> headers) throws EgressRefused {
    Headers.Builder builder = new Headers.Builder();
    if (headers != null) {
      for (var header : headers.entrySet()) {
        if (CLIENT_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
          continue;
        }
        try {
          builder.add(header.getKey(), header.getValue());
        } catch (IllegalArgumentException | NullPointerException e) {
          throw new EgressRefused("header " + header.getKey() + " is not a valid HTTP header");
        }
      }
    }
    return builder.build();
  }

  static Headers withoutCredentials(Headers headers) {
    Headers.Builder builder = headers.newBuilder();
    CREDENTIALS.forEach(builder::removeAll);
    return builder.build();
  }

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  static RequestBody body(String verb, byte[] body) {
    if (body != null) {
      return RequestBody.create(body, null);
    }
    // OkHttp insists that these methods carry a body.
    boolean needsBody = verb.equals("POST") || verb.equals("PUT") || verb.equals("PATCH");
    return needsBody ? RequestBody.create(new byte[0], null) : null;
  }

  private EgressRequests() {}
}
