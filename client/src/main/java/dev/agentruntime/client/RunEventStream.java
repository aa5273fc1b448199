package dev.agentruntime.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.client.model.RunEventResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A run's live timeline as Server-Sent Events, read one event at a time. This is the one part of
 * the API a generated client cannot call: it reads a response body as one JSON document, and a
 * stream has no end until the run ends. Each frame's {@code data:} is the same JSON object as an
 * item of the JSON page ({@link RunEventResponse}); comments (keep-alives, the reason the server
 * closes a stream) are skipped.
 *
 * <p>Not thread-safe: one reader at a time. Close it to drop the connection early.
 */
public final class RunEventStream implements AutoCloseable {

  private final BufferedReader reader;
  private final ObjectMapper json;
  private Integer lastEventId;

  RunEventStream(InputStream body, ObjectMapper json) {
    this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    this.json = json;
  }

  /**
   * The next event, waiting for it as long as the server keeps the stream open; null once the
   * stream has ended (after the run's terminal event, or when the server closed it: resume with
   * {@link #lastEventId()}).
   */
  public RunEventResponse next() {
    try {
      StringBuilder data = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty()) {
          if (data != null) {
            RunEventResponse event = json.readValue(data.toString(), RunEventResponse.class);
            lastEventId = event.getSeq();
            return event;
          }
        } else if (line.startsWith("data:")) {
          String value = field(line, 5);
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
        // id: repeats the seq that data: holds; event: its type; ":" lines are comments.
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the event stream failed", e);
    }
  }

  /** The seq of the last event returned, to resume a new stream after it; null before the first. */
  public Integer lastEventId() {
    return lastEventId;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A field's value: after its name and colon, one leading space dropped (the SSE rule). */
  private static String field(String line, int nameAndColon) {
    return line.startsWith(" ", nameAndColon)
        ? line.substring(nameAndColon + 1)
        : line.substring(nameAndColon);
  }
}
