package dev.agentruntime.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body announced larger than {@code quarkus.http.limits.max-body-size} with a problem
 * answer. Quarkus refuses it too, but with an empty 413; this route runs just before its check so
 * the client gets the same problem+json as for every other refusal. Bodies without a length are cut
 * off by Quarkus while they are read, and that failure reaches {@link ProblemMappers}.
 */
@ApplicationScoped
public class BodySizeLimit {

  /** Quarkus installs its own check at order -2. */
  private static final int ORDER = -3;

  private final long maxBytes;
  private final ObjectMapper json;

  public BodySizeLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
      ObjectMapper json) {
    this.maxBytes = maxBodySize.asLongValue();
    this.json = json;
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    long announced;
    try {
      announced = length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      announced = -1;
    }
    if (announced <= maxBytes) {
      context.next();
      return;
    }
    String body;
    try {
      body =
          json.writeValueAsString(
              new Problem(
                  "https://agent-runtime.dev/problems/payload-too-large",
                  "Payload Too Large",
                  413,
                  "The request body is larger than " + maxBytes + " bytes",
                  context.request().path(),
                  null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    context
        .response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body)
        .onComplete(done -> context.request().connection().close());
  }
}
