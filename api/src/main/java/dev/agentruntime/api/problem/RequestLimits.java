package dev.agentruntime.api.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, before anything else runs, requests over the size limits and bodies without a content
 * type, with the same problem+json as every other refusal. Quarkus's own checks answer these with
 * an empty body, so this route runs just before them. The HTTP layer's hard limits ({@code
 * quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set above the ones
 * enforced here, so a client sees a problem answer unless it goes far beyond them.
 */
@ApplicationScoped
public class RequestLimits {

  /** Quarkus installs its body size check at order -2. */
  private static final int ORDER = -3;

  private final long maxBodyBytes;
  private final int maxUriChars;
  private final int maxHeaderBytes;
  private final RouteProblems problems;

  public RequestLimits(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
      @ConfigProperty(name = "agent-runtime.http.max-uri-length") int maxUriChars,
      @ConfigProperty(name = "agent-runtime.http.max-header-bytes") int maxHeaderBytes,
      RouteProblems problems) {
    this.maxBodyBytes = maxBodySize.asLongValue();
    this.maxUriChars = maxUriChars;
    this.maxHeaderBytes = maxHeaderBytes;
    this.problems = problems;
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  private void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    if (request.uri().length() > maxUriChars) {
      problems.send(
          context,
          414,
          "uri-too-long",
          "URI Too Long",
          "The request URI is longer than " + maxUriChars + " characters",
          Map.of(),
          true);
      return;
    }
    if (headerBytes(request.headers()) > maxHeaderBytes) {
      problems.send(
          context,
          431,
          "header-fields-too-large",
          "Request Header Fields Too Large",
          "The request headers are larger than " + maxHeaderBytes + " bytes",
          Map.of(),
          true);
      return;
    }
    long announced = announcedLength(request);
    if (announced > maxBodyBytes) {
      refuseTooLarge(context);
      return;
    }
    boolean chunked = announced < 0 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    if ((announced > 0 || chunked) && !request.headers().contains(HttpHeaders.CONTENT_TYPE)) {
      problems.send(
          context,
          415,
          "unsupported-media-type",
          "Unsupported Media Type",
          "A request body needs a Content-Type header: application/json",
          Map.of(),
          true);
      return;
    }
    if (chunked) {
      readLimited(context);
      return;
    }
    context.next();
  }

  /**
   * Reads a body of unknown length here, up to the limit. Left to Quarkus REST, an oversized one
   * would be cut off with an empty 413; read here, it gets a problem answer, and Quarkus REST takes
   * the body from the routing context instead of the connection.
   */
  private void readLimited(RoutingContext context) {
    HttpServerRequest request = context.request();
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(
        chunk -> {
          if (refused[0]) {
            return;
          }
          if (body.length() + chunk.length() > maxBodyBytes) {
            refused[0] = true;
            refuseTooLarge(context);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        done -> {
          if (!refused[0]) {
            ((RoutingContextInternal) context).setBody(body);
            context.next();
          }
        });
    request.resume();
  }

  private void refuseTooLarge(RoutingContext context) {
    problems.send(
        context,
        413,
        "payload-too-large",
        "Payload Too Large",
        "The request body is larger than " + maxBodyBytes + " bytes",
        Map.of(),
        true);
  }

  private static long announcedLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      // The HTTP layer refuses a malformed length before this route; treat it as unknown.
      return -1;
    }
  }

  /** Header names and values as sent, plus ": " and CRLF per line, as on the wire. */
  private static long headerBytes(MultiMap headers) {
    long bytes = 0;
    for (Map.Entry<String, String> header : headers) {
      bytes += header.getKey().length() + header.getValue().length() + 4;
    }
    return bytes;
  }
}
