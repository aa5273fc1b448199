package dev.agentruntime.api.webhook;

import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.problem.Violation;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a webhook's URL may be, checked when it is given: an absolute http or https URL with a host
 * name or IPv4 address, without user info (credentials in a URL leak into logs) or a fragment, of
 * bounded length, its path and query made of URL characters (others percent-encoded). The schema
 * states the same {@link #PATTERN}, so a URL the schema accepts is accepted. Where it may lead is
 * not decided here: the worker's egress gate checks every attempt's addresses.
 */
final class WebhookUrls {

  static final int MAX_LENGTH = 2048;

  static final String PATTERN =
      "^https?://[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
          + "[A-Za-z0-9])?)*(:[0-9]{1,5})?([/?]([A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$";

  private static final Pattern URL = Pattern.compile(PATTERN);

  private WebhookUrls() {}

  static String check(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw invalid("must be an http or https URL");
    }
    String rest = url.substring(url.indexOf("://") + 3);
    int authorityEnd = firstOf(rest, "/?#");
    if (rest.substring(0, authorityEnd).contains("@")) {
      throw invalid("must not hold user info (user:password@); send credentials otherwise");
    }
    if (url.contains("#")) {
      throw invalid("must not have a fragment");
    }
    if (url.length() > MAX_LENGTH) {
      throw invalid("must be at most " + MAX_LENGTH + " characters");
    }
    if (!URL.matcher(url).matches()) {
      throw invalid(
          "must be http(s)://, a host name or IPv4 address, an optional port, then a path and"
              + " query of URL characters (others percent-encoded)");
    }
    return url;
  }

  private static int firstOf(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  private static InvalidRequest invalid(String message) {
    return new InvalidRequest("The url " + message, List.of(new Violation("url", message)));
  }
}
