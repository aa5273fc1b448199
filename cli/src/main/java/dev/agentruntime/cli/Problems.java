package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.client.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An error answer as the one line agentctl prints: {@code error: 412 Precondition Failed: <detail>
 * (type approval-arguments-mismatch)}, with the violations of a refused input on the same line.
 */
public final class Problems {

  private static final String TYPE_PREFIX = "https://agent-runtime.dev/problems/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(406, "Not Acceptable"),
          Map.entry(409, "Conflict"),
          Map.entry(410, "Gone"),
          Map.entry(412, "Precondition Failed"),
          Map.entry(413, "Content Too Large"),
          Map.entry(414, "URI Too Long"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private Problems() {}

  /** The line for an error answer (or, status 0, for a request that got no answer). */
  public static String line(ApiException e, String apiUrl) {
    if (e.getCode() == 0) {
      return "error: cannot reach the API at " + apiUrl + ": " + oneLine(why(e.getCause()));
    }
    return line(e.getCode(), e.getResponseBody());
  }

  /** The line for status {@code status} with the answer's {@code body} (problem+json or not). */
  public static String line(int status, String body) {
    String reason = REASONS.getOrDefault(status, "HTTP " + status);
    JsonNode problem = parse(body);
    if (problem == null) {
      String text = body == null ? "" : oneLine(body).strip();
      if (text.length() > 200) {
        text = text.substring(0, 200) + "…";
      }
      return "error: " + status + " " + reason + (text.isEmpty() ? "" : ": " + text);
    }
    StringBuilder line = new StringBuilder("error: ").append(status).append(' ');
    line.append(problem.path("title").asText(reason));
    String detail = problem.path("detail").asText("");
    if (!detail.isBlank()) {
      line.append(": ").append(oneLine(detail));
    }
    List<String> violations = new ArrayList<>();
    for (JsonNode violation : problem.path("violations")) {
      violations.add(
          violation.path("field").asText("?") + ": " + violation.path("message").asText(""));
    }
    if (!violations.isEmpty()) {
      line.append(" [").append(oneLine(String.join("; ", violations))).append(']');
    }
    String type = problem.path("type").asText("");
    if (!type.isEmpty()) {
      line.append(" (type ")
          .append(type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type)
          .append(')');
    }
    return line.toString();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() && node.has("status") ? node : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Why a request got no answer: the JDK's HTTP client often leaves the message null. */
  static String why(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
      if (t instanceof java.nio.channels.UnresolvedAddressException) {
        return "unknown host";
      }
    }
    if (failure instanceof java.net.ConnectException) {
      return "connection refused";
    }
    return failure == null ? "no answer" : failure.getClass().getSimpleName();
  }

  static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ");
  }
}
