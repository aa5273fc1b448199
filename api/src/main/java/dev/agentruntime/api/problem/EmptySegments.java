package dev.agentruntime.api.problem;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Refuses an API path with an empty segment ({@code /v1/agents//versions}) with a 404 that says so.
 * Such a path nearly always comes from a shell variable that was empty ({@code
 * /v1/agents/$AGENT/versions}); routed as it is, it would match another route after the segments
 * collapse and answer a baffling 405 or 404 about a path the client never meant.
 */
@ApplicationScoped
public class EmptySegments {

  /** After the request limits (a huge URI is refused as such first), before any route. */
  private static final int ORDER = -2;

  private final RouteProblems problems;

  public EmptySegments(RouteProblems problems) {
    this.problems = problems;
  }

  void install(@Observes Router router) {
    router.route("/v1/*").order(ORDER).handler(this::check);
  }

  private void check(RoutingContext context) {
    String path = context.request().path();
    int empty = path == null ? -1 : path.indexOf("//");
    if (empty < 0) {
      context.next();
      return;
    }
    problems.send(
        context,
        404,
        "not-found",
        "Not Found",
        "The path has an empty segment after '"
            + path.substring(0, empty + 1)
            + "': a path variable (an id or a name) was probably empty",
        Map.of(),
        false);
  }
}
