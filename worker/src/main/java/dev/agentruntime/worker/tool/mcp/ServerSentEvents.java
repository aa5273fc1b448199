package dev.agentruntime.worker.tool.mcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code data} of each event of a complete SSE stream (the WHATWG event-stream format): lines
 * {@code data: ...} of one event are joined with line breaks, a blank line ends the event, other
 * fields ({@code id}, {@code event}, {@code retry}) and comments are ignored, as is an event
 * without data.
 */
final class ServerSentEvents {

  private ServerSentEvents() {}

  static List<String> data(String stream) {
    List<String> events = new ArrayList<>();
    StringBuilder data = null;
    for (String line : stream.split("\r\n|\r|\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(data.toString());
        }
        data = null;
        continue;
      }
      if (!line.startsWith("data")) {
        continue;
      }
      String value;
      if (line.equals("data")) {
        value = "";
      } else if (line.startsWith("data:")) {
        value = line.substring(5);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
      } else {
        continue;
      }
      data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
    }
    if (data != null) {
      events.add(data.toString());
    }
    return events;
  }
}
