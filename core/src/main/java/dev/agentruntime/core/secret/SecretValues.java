package dev.agentruntime.core.secret;

/**
 * What a secret value may contain. Every secret is sent as an HTTP header value ({@code
 * Authorization: Bearer <value>}), so a value is printable ASCII (0x21 to 0x7E, inner spaces
 * allowed): a line break or control character would fail inside an HTTP client, whose error message
 * quotes the header, value and all. Checking first lets the failure name the field only.
 */
public final class SecretValues {

  private SecretValues() {}

  /** Why {@code value} cannot be used, or null when it can. Never quotes the value. */
  public static String problem(String value) {
    if (value == null || value.isBlank()) {
      return "is empty";
    }
    if (value.length() > SecretEnvelope.MAX_VALUE_BYTES) {
      return "is longer than " + SecretEnvelope.MAX_VALUE_BYTES + " characters";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return "holds a character that cannot be sent in an HTTP header (a line break, a control"
            + " or non-ASCII character) at position "
            + i;
      }
    }
    if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
      return "starts or ends with a space";
    }
    return null;
  }
}
