package dev.agentruntime.api.schedule;

import dev.agentruntime.api.error.InvalidParameter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The cursor of a schedule listing: the last name of a page, base64url, so the next page is the
 * names after it (keyset paging: a schedule created or deleted meanwhile neither repeats nor hides
 * another). Opaque to clients, as the runs' cursor is.
 */
final class ScheduleCursor {

  static final int MAX_LENGTH = 88;

  private ScheduleCursor() {}

  static String after(String name) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(name.getBytes(StandardCharsets.UTF_8));
  }

  /** The name a cursor stands for; 400 (naming {@code cursor}) when it is not one of ours. */
  static String name(String cursor) {
    try {
      String name = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (name.matches(ScheduleRepository.NAME_REGEX)) {
        return name;
      }
    } catch (IllegalArgumentException e) {
      // not base64url: answered below
    }
    throw new InvalidParameter("cursor", "the nextCursor of a previous page of this listing");
  }
}
