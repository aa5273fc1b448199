package dev.agentruntime.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.agentruntime.api.json.JsonPaths;
import dev.agentruntime.core.json.NonInteroperableJsonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * The answers to a request body that is not JSON, not I-JSON, or not of the expected shape; a part
 * of {@link ProblemMappers}, kept apart to keep each class readable.
 */
final class JsonProblems {

  private JsonProblems() {}

  static Response of(JsonProcessingException e, UriInfo uri) {
    // Jackson wraps a parser's refusal when it happens inside a nested value.
    NonInteroperableJsonException value = causeOf(e, NonInteroperableJsonException.class);
    if (value != null) {
      String field = value.path().isEmpty() ? "body" : value.path();
      return ProblemMappers.build(
              400,
              "invalid-json-value",
              "JSON value cannot be kept exactly",
              "Field '" + field + "' " + value.reason(),
              List.of(new Violation(field, value.reason())),
              uri)
          .build();
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      String field = JsonPaths.of(unknown);
      return ProblemMappers.build(
              400,
              "unknown-field",
              "Unknown field",
              "Unknown field '" + field + "'",
              List.of(new Violation(field, "is not a known field")),
              uri)
          .build();
    }
    if (causeOf(e, JsonParseException.class) != null || !(e instanceof JsonMappingException)) {
      return ProblemMappers.build(
              400,
              "malformed-json",
              "Malformed JSON",
              "The request body is not valid JSON",
              null,
              uri)
          .build();
    }
    String field = JsonPaths.of((JsonMappingException) e);
    if (field.isEmpty()) {
      return ProblemMappers.build(
              400,
              "invalid-request",
              "Invalid request",
              "The request body does not have the expected shape",
              null,
              uri)
          .build();
    }
    return ProblemMappers.build(
            400,
            "invalid-request",
            "Invalid request",
            "Field '" + field + "' has the wrong JSON type or format",
            List.of(new Violation(field, "has the wrong JSON type or format")),
            uri)
        .build();
  }

  private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
