package dev.agentruntime.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Writes a problem answer from a Vert.x route, for refusals made before Quarkus REST and its
 * exception mappers are reached. Same body as {@link ProblemMappers} writes.
 */
@ApplicationScoped
public class RouteProblems {

  /** Longer paths are not echoed in {@code instance}: the path may be what was refused. */
  private static final int MAX_INSTANCE_CHARS = 2048;

  private final ObjectMapper json;

  public RouteProblems(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Answers the request with a problem.
   *
   * @param close whether to close the connection afterwards: a body that is not read, or a request
   *     that broke a size limit, leaves the connection in no state to be reused
   */
  public void send(
      RoutingContext context,
      int status,
      String slug,
      String title,
      String detail,
      Map<String, String> headers,
      boolean close) {
    String path = context.request().path();
    String instance = path == null || path.length() > MAX_INSTANCE_CHARS ? null : path;
    String body;
    try {
      body =
          json.writeValueAsString(
              new Problem(ProblemMappers.TYPE_BASE + slug, title, status, detail, instance, null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    var response = context.response().setStatusCode(status);
    response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    headers.forEach(response::putHeader);
    // HTTP/2 has no Connection header (a client must refuse a response that carries one).
    if (close && context.request().version() != HttpVersion.HTTP_2) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
      response.end(body).onComplete(done -> context.request().connection().close());
    } else {
      response.end(body);
    }
  }
}
