package dev.agentruntime.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.error.UnsupportedMediaType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Set;

/**
 * Reads a JSON body that may be absent, for endpoints a bare {@code curl -X POST} should reach: the
 * framework answers 415 to a request without Content-Type before a typed body parameter is read, so
 * such endpoints take the raw bytes and read them here, with the same strict mapper and the same
 * validation as every other body. A body of another media type is refused (415), never ignored.
 */
@ApplicationScoped
public class OptionalJsonBody {

  private final ObjectMapper json;
  private final Validator validator;

  public OptionalJsonBody(ObjectMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  /** The body as {@code type}, or {@code null} when there is none. */
  public <T> T read(HttpHeaders headers, byte[] body, Class<T> type) throws IOException {
    if (body == null || body.length == 0) {
      return null;
    }
    MediaType mediaType = headers.getMediaType();
    if (mediaType == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType)) {
      throw new UnsupportedMediaType(
          "The request body, when there is one, must be application/json");
    }
    T value = json.readValue(body, type);
    if (value == null) {
      // A JSON null is no body: the generated clients send one for an absent optional body, and
      // the document says so (each optional body's schema is nullable).
      return null;
    }
    Set<ConstraintViolation<T>> violations = validator.validate(value);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return value;
  }
}
