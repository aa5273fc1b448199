package dev.agentruntime.api.run;

import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.problem.Violation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rule for {@code Idempotency-Key}: 1 to 200 visible ASCII characters (0x21-0x7E), compared
 * exactly (case-sensitive). Anything else is refused rather than ignored, since a client that sent
 * a key expects its retries to be recognised.
 */
public final class IdempotencyKeys {

  public static final String HEADER = "Idempotency-Key";

  /** Set on the answer to a repeated key: the run is the one the first request admitted. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  static final int MAX_LENGTH = 200;
  private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1," + MAX_LENGTH + "}$");

  private IdempotencyKeys() {}

  /**
   * @param values the header's values as received, {@code null} or empty when absent
   * @return the key, or {@code null} when the request has none
   * @throws InvalidRequest when the header is present but not exactly one valid key
   */
  public static String check(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw refused("Idempotency-Key must be sent once");
    }
    String key = values.get(0);
    if (key == null || !KEY.matcher(key).matches()) {
      throw refused(
          "Idempotency-Key must be 1 to " + MAX_LENGTH + " visible ASCII characters (no spaces)");
    }
    return key;
  }

  private static InvalidRequest refused(String detail) {
    return new InvalidRequest(detail, List.of(new Violation(HEADER, detail)));
  }
}
