package dev.agentruntime.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.DeliveryRefused;
import dev.agentruntime.api.error.DomainException;
import dev.agentruntime.core.log.LogSafe;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 9457 problem answers: the services' domain refusals (by
 * {@link DomainProblems}) and the framework's own exceptions. A client mistake is always a 4xx;
 * only an unexpected failure is a 500, and its details stay in the log.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  static final String TYPE_BASE = "https://agent-runtime.dev/problems/";

  private final AllowedMethods allowedMethods;

  public ProblemMappers(AllowedMethods allowedMethods) {
    this.allowedMethods = allowedMethods;
  }

  /** Every refusal a service raises; {@link DomainProblems} decides its answer. */
  @ServerExceptionMapper
  public Response domain(DomainException e, UriInfo uri) {
    DomainProblems.Answer answer = DomainProblems.of(e);
    if (answer.worthAWarning()) {
      LOG.warnf(
          "%s answering %s: %s",
          answer.slug(), pathForLog(uri), LogSafe.escape(String.valueOf(e.getCause())));
    }
    var response =
        build(
            answer.status(),
            answer.slug(),
            answer.title(),
            e.getMessage(),
            answer.violations(),
            uri);
    if (answer.retryAfterSeconds() > 0) {
      response.header("Retry-After", answer.retryAfterSeconds());
    }
    if (e instanceof DeliveryRefused && answer.status() == 401) {
      // A 401 names the scheme it wants (RFC 9110): a trigger's is its signature headers.
      response.header("WWW-Authenticate", "Signature");
    }
    if (e instanceof AlreadyExists exists && exists.location() != null) {
      response.header("Location", exists.location());
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<Violation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new Violation(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Violation::field))
            .toList();
    return build(
            400, "invalid-request", "Invalid request", "The request is invalid", violations, uri)
        .build();
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e, UriInfo uri) {
    return JsonProblems.of(e, uri);
  }

  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    return JsonProblems.of(e, uri);
  }

  @ServerExceptionMapper
  public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
    return JsonProblems.of(e, uri);
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
    return unauthorized(uri);
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, UriInfo uri) {
    return unauthorized(uri);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return build(
            403, "forbidden", "Forbidden", "The token does not grant a role this needs", null, uri)
        .build();
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return JsonProblems.of(json, uri);
    }
    if (e instanceof InvalidParameterException invalid) {
      return invalidParameter(invalid.parameter(), "must be " + invalid.expected(), uri);
    }
    if (e instanceof NotFoundException && e.getCause() != null) {
      // Quarkus REST's own converters (for types without a strict converter) end up here.
      return invalidParameter("parameter", "does not have the expected format", uri);
    }
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e, uri);
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "Client error" : known.getReasonPhrase();
    String detail =
        switch (status) {
          case 404 -> "No resource at this path";
          case 405 -> "This method is not allowed on this path";
          case 406 -> "The API answers application/json (and text/event-stream for a run's events)";
          case 413 -> "The request body is too large";
          case 415 -> "The request body must be application/json";
          default -> title;
        };
    Response.ResponseBuilder response = build(status, slugOf(title), title, detail, null, uri);
    if (status == 405 && uri != null) {
      allowedMethods.allow(uri.getPath()).ifPresent(allow -> response.header("Allow", allow));
    }
    return response.build();
  }

  private Response invalidParameter(String parameter, String message, UriInfo uri) {
    return build(
            400,
            "invalid-parameter",
            "Invalid parameter",
            "Parameter '" + parameter + "' " + message,
            List.of(new Violation(parameter, message)),
            uri)
        .build();
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    if (DatabaseUnavailable.isCause(e)) {
      // Not the client's fault and not a bug: say so, and when to come back. Nothing was written.
      LOG.warnf("database unavailable answering %s: %s", pathForLog(uri), LogSafe.escape(e));
      return build(
              503,
              "database-unavailable",
              "Service Unavailable",
              "The database is unreachable; nothing was written. Retry later.",
              null,
              uri)
          .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
          .build();
    }
    if (TenantGone.isCause(e)) {
      LOG.infof("the tenant of a write to %s is gone", pathForLog(uri));
      return build(403, "forbidden", "Forbidden", "The token's tenant does not exist", null, uri)
          .build();
    }
    LOG.errorf(e, "unexpected failure answering %s", pathForLog(uri));
    return build(
            500,
            "internal-error",
            "Internal Server Error",
            "An unexpected error occurred; it has been logged",
            null,
            uri)
        .build();
  }

  /** The raw (still percent-encoded) path, escaped: a client chooses it. */
  private static String pathForLog(UriInfo uri) {
    return uri == null ? "?" : LogSafe.escape(uri.getRequestUri().getRawPath());
  }

  private Response unauthorized(UriInfo uri) {
    return build(
            401,
            "unauthorized",
            "Unauthorized",
            "A valid bearer token is required (missing, expired, or not signed by a trusted issuer)",
            null,
            uri)
        .header("WWW-Authenticate", "Bearer")
        .build();
  }

  private static String fieldOf(ConstraintViolation<?> violation) {
    List<String> properties = new ArrayList<>();
    String parameter = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.getName();
      } else if (node.getKind() == ElementKind.PROPERTY) {
        properties.add(node.getName());
      }
    }
    if (!properties.isEmpty()) {
      return String.join(".", properties);
    }
    return parameter == null ? "request" : parameter;
  }

  /** The type of an answer Quarkus itself raised: its title in lower case, words joined by "-". */
  static String slugOf(String title) {
    return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  static Response.ResponseBuilder build(
      int status,
      String slug,
      String title,
      String detail,
      List<Violation> violations,
      UriInfo uri) {
    String instance = uri == null ? null : uri.getRequestUri().getRawPath();
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(new Problem(TYPE_BASE + slug, title, status, detail, instance, violations));
  }
}
