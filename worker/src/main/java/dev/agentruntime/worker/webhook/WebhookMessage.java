package dev.agentruntime.worker.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.webhook.StandardWebhooks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one attempt sends (docs/api.md#webhooks): the body {@code {"type", "timestamp", "data"}},
 * its data the run and the agent (or the schedule) and the event's typed payload as stored, and the
 * Standard Webhooks headers. The body is the same for every attempt; {@code webhook-timestamp} is
 * the attempt's own time, as the specification asks, so a receiver's tolerance applies to retries
 * too.
 */
final class WebhookMessage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookMessage() {}

  static byte[] body(ClaimedDelivery d) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", d.type());
    body.put("timestamp", d.eventAt().truncatedTo(ChronoUnit.MILLIS).toString());
    ObjectNode data = body.putObject("data");
    if (d.runId() != null) {
      data.put("runId", d.runId().toString());
      data.put("agentName", d.agentName());
    } else {
      data.put("scheduleId", d.scheduleId().toString());
    }
    data.put("seq", d.seq());
    data.put("event", d.eventType());
    try {
      data.set("payload", JSON.readTree(d.payloadJson()));
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored event payload is not JSON", e);
    }
  }

  /**
   * @param keys the HMAC keys to sign with: the current secret's, then the previous one's during a
   *     rotation's overlap; one signature each, space-separated
   */
  static Map<String, String> headers(
      ClaimedDelivery d, byte[] body, List<byte[]> keys, Instant now) {
    String timestamp = Long.toString(now.getEpochSecond());
    List<String> signatures = new ArrayList<>();
    for (byte[] key : keys) {
      signatures.add(StandardWebhooks.signature(key, d.messageId(), timestamp, body));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("webhook-id", d.messageId());
    headers.put("webhook-timestamp", timestamp);
    headers.put("webhook-signature", String.join(" ", signatures));
    return headers;
  }
}
