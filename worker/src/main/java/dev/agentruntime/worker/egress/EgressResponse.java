package dev.agentruntime.worker.egress;

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
 * @param internal whether it answered from an address the platform refuses but the operator
 *     granted: what such a service says on failure is not passed on to the tenant (status only)
 */
public record EgressResponse(
    int status,
    Map<String, List<String>> headers,
    byte[] body,
    boolean truncated,
    URI finalUrl,
    boolean internal) {

  public EgressResponse {
    headers = Map.copyOf(headers);
  }

  /** The body as UTF-8 text (malformed bytes replaced), for a tool result. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
