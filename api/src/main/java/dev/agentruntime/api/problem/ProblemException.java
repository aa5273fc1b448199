package dev.agentruntime.api.problem;

import java.util.List;
import java.util.Map;

/**
 * A refusal the services raise deliberately; the mapper turns it into a problem answer. Nothing has
 * been written when it is thrown, or the surrounding transaction rolls back.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final List<Violation> violations;
  private final Map<String, String> headers;

  public ProblemException(
      int status,
      String slug,
      String title,
      String detail,
      List<Violation> violations,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.violations = violations == null ? null : List.copyOf(violations);
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(404, "not-found", "Not Found", what + " was not found", null, null);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "conflict", "Conflict", detail, null, null);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail, null, null);
  }

  public static ProblemException badRequest(String detail, List<Violation> violations) {
    return new ProblemException(
        400, "invalid-request", "Invalid request", detail, violations, null);
  }

  public static ProblemException unprocessable(
      String slug, String title, String detail, List<Violation> violations) {
    return new ProblemException(422, slug, title, detail, violations, null);
  }

  public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ProblemException(
        429,
        "rate-limited",
        "Too Many Requests",
        detail,
        null,
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public List<Violation> violations() {
    return violations;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
