package dev.agentruntime.core.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * JSON that is well-formed but cannot be kept exactly as sent: a number a double cannot hold, a
 * lone surrogate, a U+0000, or bytes that are not UTF-8. Refused rather than silently changed.
 */
public class NonInteroperableJsonException extends JsonParseException {

  private final String path;
  private final String reason;

  NonInteroperableJsonException(JsonParser parser, String path, String reason) {
    super(parser, (path.isEmpty() ? "the document" : path) + " " + reason);
    this.path = path;
    this.reason = reason;
  }

  /**
   * Path of the offending value, for example {@code input.items[2]} (a key with dots or brackets is
   * not escaped); empty for the whole document. A key's name is not echoed when the key itself is
   * the problem.
   */
  public String path() {
    return path;
  }

  /** What is wrong, phrased for a client, for example "is not exactly representable ...". */
  public String reason() {
    return reason;
  }
}
