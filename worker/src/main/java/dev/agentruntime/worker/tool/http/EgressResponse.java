package dev.agentruntime.worker.tool.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What an allowed request answered, after redirects.
 *
 * @param status the final HTTP status
 * @param headers the final response's headers, names lower case
 * @param body at most the client's response cap of bytes (decoded when the server compressed them)
 * @param truncated whether the server had more than the cap; the rest was never read
 * @param finalUrl the URL that answered, after redirects
 */
public record EgressResponse(
    int status, Map<String, List<String>> headers, byte[] body, boolean truncated, URI finalUrl) {

  public EgressResponse {
    headers = Map.copyOf(headers);
  }

  /** The body as UTF-8 text (malformed bytes replaced), for a tool result. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
