package dev.agentruntime.api.run.stream;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEvent;
import java.lang.reflect.Type;

/**
 * One frame of a run's event stream: an event ({@code id:} its seq, {@code event:} its type, {@code
 * data:} its JSON) or a comment, which keeps an idle connection open or says why the server ends a
 * stream early. A comment carries no {@code id:}, so it never moves a client's resume point.
 */
record SseFrame(String id, String name, String comment, String data) implements OutboundSseEvent {

  /** Written as {@code : keep-alive} (Quarkus REST puts the comment right after the colon). */
  static final SseFrame KEEP_ALIVE = comment("keep-alive");

  /** The last frame of a stream open for {@code agent-runtime.streams.max-lifetime}. */
  static final SseFrame LIFETIME_OVER =
      comment("end: the stream's lifetime is over; reconnect with Last-Event-ID");

  /** The last frame of a stream whose token expires. */
  static final SseFrame TOKEN_EXPIRES =
      comment("end: the token expires; reconnect with a new token and Last-Event-ID");

  /** The last frame of a stream that lost its slot among its tenant's open streams. */
  static final SseFrame SLOT_LOST =
      comment("end: the tenant has too many streams open; reconnect later with Last-Event-ID");

  static SseFrame comment(String text) {
    return new SseFrame(null, null, " " + text, null);
  }

  static SseFrame event(int seq, String type, String json) {
    return new SseFrame(Integer.toString(seq), type, null, json);
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getComment() {
    return comment;
  }

  @Override
  public Object getData() {
    return data;
  }

  @Override
  public Class<?> getType() {
    return String.class;
  }

  @Override
  public Type getGenericType() {
    return String.class;
  }

  /** Null: the JSON text is written as it is, without a per-event content type. */
  @Override
  public MediaType getMediaType() {
    return null;
  }

  @Override
  public long getReconnectDelay() {
    return SseEvent.RECONNECT_NOT_SET;
  }

  @Override
  public boolean isReconnectDelaySet() {
    return false;
  }
}
