package dev.agentruntime.api.run.stream;

import dev.agentruntime.api.error.InvalidParameter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a stream resumes: after the {@code Last-Event-ID} a reconnecting client sends (the last
 * {@code id:} it received, which is a seq), else after the {@code afterSeq} query parameter. The
 * header wins because a browser's EventSource reconnects to the same URL, query included, and only
 * the header moves forward.
 */
public final class ResumePoint {

  public static final String LAST_EVENT_ID = "Last-Event-ID";

  private static final Pattern DECIMAL = Pattern.compile("^[0-9]{1,10}$");

  private ResumePoint() {}

  /**
   * The seq to stream after.
   *
   * @param lastEventId the header's values as sent (absent: null or empty)
   * @throws InvalidParameter when the header is sent twice, or is not a non-negative 32-bit decimal
   *     integer
   */
  public static int afterSeq(List<String> lastEventId, int afterSeq) {
    if (lastEventId == null || lastEventId.isEmpty()) {
      return afterSeq;
    }
    if (lastEventId.size() > 1) {
      throw invalid();
    }
    return parse(lastEventId.get(0));
  }

  private static int parse(String lastEventId) {
    if (!DECIMAL.matcher(lastEventId).matches()
        || Long.parseLong(lastEventId) > Integer.MAX_VALUE) {
      throw invalid();
    }
    return Integer.parseInt(lastEventId);
  }

  private static InvalidParameter invalid() {
    return new InvalidParameter(
        LAST_EVENT_ID, "one non-negative 32-bit decimal integer (an event's seq)");
  }
}
