package dev.agentruntime.api.run.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal Server-Sent Events client for the tests: it parses the stream as the SSE spec says
 * (fields, comments, blank line ends a frame) on a thread of its own and hands frames over in
 * order, so a test can await each one.
 */
final class SseClient implements AutoCloseable {

  /** One frame: an event (id, event, data) or a comment. */
  record Frame(String id, String event, String data, String comment) {
    boolean isComment() {
      return comment != null;
    }
  }

  private static final Frame END = new Frame(null, null, null, null);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  static HttpResponse<InputStream> get(String token, String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .GET();
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Opens a stream and checks that it started: 200, text/event-stream. */
  static SseClient open(String token, String path, Map<String, String> headers) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Accept", "text/event-stream");
    HttpResponse<InputStream> response = get(token, path, all);
    assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    return new SseClient(response);
  }

  static SseClient open(String token, String path) throws Exception {
    return open(token, path, Map.of());
  }

  /** The next frame, comments included; fails after the timeout or if the stream ended. */
  Frame next(Duration timeout) throws InterruptedException {
    Frame frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(frame).as("a frame within %s", timeout).isNotNull();
    assertThat(frame).as("a frame before the end of the stream").isNotSameAs(END);
    return frame;
  }

  /** The next event, skipping keep-alive comments. */
  Frame nextEvent() throws InterruptedException {
    Frame frame;
    do {
      frame = next(Duration.ofSeconds(15));
    } while (frame.isComment());
    return frame;
  }

  /** The next {@code n} events. */
  List<Frame> events(int n) throws InterruptedException {
    List<Frame> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(nextEvent());
    }
    return events;
  }

  /** Asserts that the server ends the stream next, with no further event (comments aside). */
  void awaitEnd() throws InterruptedException {
    while (true) {
      Frame frame = frames.poll(15, TimeUnit.SECONDS);
      assertThat(frame).as("the end of the stream").isNotNull();
      if (frame == END) {
        return;
      }
      assertThat(frame.isComment()).as("no event before the end, got %s", frame).isTrue();
    }
  }

  /** The frames the server sends until it ends the stream, which it must do within the timeout. */
  List<Frame> untilEnd(Duration timeout) throws InterruptedException {
    List<Frame> received = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(frame).as("the end of the stream within %s", timeout).isNotNull();
      if (frame == END) {
        return received;
      }
      received.add(frame);
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (id != null || event != null || data != null) {
            frames.add(new Frame(id, event, data == null ? null : data.toString(), null));
          }
          id = null;
          event = null;
          data = null;
        } else if (line.startsWith(":")) {
          frames.add(new Frame(null, null, null, line.substring(1)));
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" ->
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {}
          }
        }
      }
    } catch (IOException e) {
      // closed by the test (a dropped connection) or by the server
    } finally {
      frames.add(END);
    }
  }

  /** Drops the connection, as a client that goes away mid-stream does. */
  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // already closed
    }
    reader.interrupt();
  }
}
