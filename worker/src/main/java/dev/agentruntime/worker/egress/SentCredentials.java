package dev.agentruntime.worker.egress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the credentials a request carried out of what its answer says: a server may echo the {@code
 * Authorization} header in an error body, and that body becomes a failed step's reason, an event, a
 * workflow history entry. Every credential header's value (and a bearer token on its own) is
 * replaced by {@value #REDACTED} before the text is recorded.
 */
public final class SentCredentials {

  public static final String REDACTED = "[redacted]";

  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "x-api-key", "api-key", "proxy-authorization", "cookie");

  /** Shorter values are not searched for: they would redact ordinary words. */
  private static final int MIN_LENGTH = 6;

  private SentCredentials() {}

  /** {@code text} with every credential of {@code headers} replaced. */
  public static String redact(String text, Map<String, String> headers) {
    if (text == null || text.isEmpty() || headers == null) {
      return text;
    }
    List<String> secrets = new ArrayList<>();
    headers.forEach(
        (name, value) -> {
          if (value != null && CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            secrets.add(value);
            int space = value.indexOf(' ');
            if (space > 0) {
              // "Bearer sk-...": the token alone, as a server would quote it
              secrets.add(value.substring(space + 1).strip());
            }
          }
        });
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    String redacted = text;
    for (String secret : secrets) {
      if (secret.length() >= MIN_LENGTH) {
        redacted = redacted.replace(secret, REDACTED);
      }
    }
    return redacted;
  }
}
