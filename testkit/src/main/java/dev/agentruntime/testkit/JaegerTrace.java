package dev.agentruntime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace as Jaeger's query API answers it ({@code GET /api/traces/{id}}): its spans, their
 * parents and their tags, for tests that assert the shape of a trace a real backend stored.
 */
public final class JaegerTrace {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> spans = new ArrayList<>();
  private final Map<String, JsonNode> byId = new HashMap<>();

  private JaegerTrace(JsonNode trace) {
    trace.path("spans").forEach(spans::add);
    spans.forEach(span -> byId.put(span.path("spanID").asText(), span));
  }

  /** Parses one trace of a query answer ({@code data[index]}). */
  public static JaegerTrace parse(String body, int index) {
    try {
      return new JaegerTrace(JSON.readTree(body).path("data").path(index));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a Jaeger answer: " + body, e);
    }
  }

  /** Every trace of a search answer ({@code GET /api/traces?service=...}). */
  public static List<JaegerTrace> parseAll(String body) {
    try {
      List<JaegerTrace> out = new ArrayList<>();
      JSON.readTree(body).path("data").forEach(trace -> out.add(new JaegerTrace(trace)));
      return out;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a Jaeger answer: " + body, e);
    }
  }

  public List<JsonNode> spans() {
    return spans;
  }

  /** The spans whose operation name starts with {@code prefix}. */
  public List<JsonNode> named(String prefix) {
    return spans.stream().filter(s -> name(s).startsWith(prefix)).toList();
  }

  public static String name(JsonNode span) {
    return span.path("operationName").asText();
  }

  public static String id(JsonNode span) {
    return span.path("spanID").asText();
  }

  public static String traceId(JsonNode span) {
    return span.path("traceID").asText();
  }

  /** The span's parent in this trace, or null for a root (or a parent Jaeger did not get). */
  public JsonNode parent(JsonNode span) {
    for (JsonNode reference : span.path("references")) {
      if (reference.path("refType").asText().equals("CHILD_OF")) {
        return byId.get(reference.path("spanID").asText());
      }
    }
    return null;
  }

  /** The span's tags as text: strings as they are, numbers, booleans and arrays as JSON. */
  public static Map<String, String> tags(JsonNode span) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode tag : span.path("tags")) {
      JsonNode value = tag.path("value");
      out.put(tag.path("key").asText(), value.isTextual() ? value.asText() : value.toString());
    }
    return out;
  }

  /** Whether the span ended with an error status. */
  public static boolean failed(JsonNode span) {
    return "ERROR".equals(tags(span).get("otel.status_code"));
  }
}
