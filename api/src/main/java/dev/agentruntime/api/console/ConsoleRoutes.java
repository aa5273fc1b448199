package dev.agentruntime.api.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;

/**
 * The operator console's routes around its static files (META-INF/resources/console): the security
 * headers on every console answer, {@code /console} to {@code /console/}, and {@code config.json},
 * which tells the page how to sign in. The files themselves need no token: every datum they show
 * comes from the API with the signed-in user's.
 */
@ApplicationScoped
public class ConsoleRoutes {

  /** Before the static files and the REST routes. */
  private static final int ORDER = -3;

  private final String policy;
  private final String config;

  public ConsoleRoutes(ConsoleSettings settings, ObjectMapper json) {
    String issuer =
        settings.oidc().issuer().map(String::trim).filter(s -> !s.isBlank()).orElse(null);
    this.policy = ContentSecurityPolicy.forConsole(issuer == null ? null : origin(issuer));
    ObjectNode body = json.createObjectNode();
    if (issuer == null) {
      body.putNull("oidc");
    } else {
      body.putObject("oidc")
          .put("issuer", issuer)
          .put("clientId", settings.oidc().clientId())
          .put("scope", settings.oidc().scope());
    }
    this.config = body.toString();
  }

  void install(@Observes Router router) {
    router.route("/console*").order(ORDER).handler(this::secure);
    router.getWithRegex("^/console$").order(ORDER).handler(this::redirect);
    router.get("/console/config.json").order(ORDER).handler(this::serveConfig);
  }

  private void secure(RoutingContext context) {
    context
        .response()
        .putHeader("Content-Security-Policy", policy)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        // A new release's files are fetched again: the page is small, a stale mix is not.
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    context.next();
  }

  private void redirect(RoutingContext context) {
    context.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, "/console/").end();
  }

  private void serveConfig(RoutingContext context) {
    context
        .response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(config);
  }

  String policy() {
    return policy;
  }

  String config() {
    return config;
  }

  static String origin(String issuer) {
    URI uri;
    try {
      uri = URI.create(issuer.trim());
    } catch (IllegalArgumentException e) {
      uri = URI.create("relative");
    }
    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "agent-runtime.console.oidc.issuer must be an absolute http(s) URL, not " + issuer);
    }
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
