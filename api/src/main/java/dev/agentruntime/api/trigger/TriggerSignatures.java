package dev.agentruntime.api.trigger;

import dev.agentruntime.api.error.DeliveryRefused;
import dev.agentruntime.api.error.DeliveryRefused.Reason;
import dev.agentruntime.core.webhook.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a delivery's signature by its trigger's preset and answers the delivery's id, which
 * dedupes retries. Signatures are compared in constant time ({@link MessageDigest#isEqual}); no
 * refusal says what the expected signature was.
 *
 * <ul>
 *   <li>Standard Webhooks: {@code webhook-signature} holds one or more space-separated {@code
 *       v1,<base64 HMAC-SHA256 of "id.timestamp.body">}; the id is {@code webhook-id}.
 *   <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}; the id is {@code
 *       X-GitHub-Delivery}. GitHub signs no timestamp, so there is none to check.
 *   <li>Slack: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:timestamp:body">} with {@code
 *       X-Slack-Request-Timestamp}; Slack sends no delivery id, so the id is the timestamp and the
 *       signature.
 * </ul>
 */
final class TriggerSignatures {

  /** A delivery id: visible ASCII, short enough for the run's idempotency key (200). */
  private static final Pattern DELIVERY_ID = Pattern.compile("^[\\x21-\\x7E]{1,120}$");

  private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{1,12}$");

  private TriggerSignatures() {}

  /**
   * @param keys the HMAC keys a delivery may be signed with: the current secret's, and during a
   *     rotation's overlap the replaced one's
   * @param header a request header's value by name, null when absent
   * @return the delivery's id
   * @throws DeliveryRefused when a header is missing or malformed, no signature matches under any
   *     key, or the signed timestamp is further from {@code now} than {@code tolerance}
   */
  static String verify(
      TriggerPreset preset,
      List<byte[]> keys,
      Function<String, String> header,
      byte[] body,
      Instant now,
      Duration tolerance) {
    DeliveryRefused refused = null;
    for (byte[] key : keys) {
      try {
        return verify(preset, key, header, body, now, tolerance);
      } catch (DeliveryRefused e) {
        // Only a signature that does not match may match under the next key; a missing header or
        // a stale timestamp is the same under every key.
        if (e.reason() != Reason.BAD_SIGNATURE) {
          throw e;
        }
        refused = e;
      }
    }
    throw Objects.requireNonNull(refused, "a trigger has a secret");
  }

  private static String verify(
      TriggerPreset preset,
      byte[] key,
      Function<String, String> header,
      byte[] body,
      Instant now,
      Duration tolerance) {
    return switch (preset) {
      case STANDARD_WEBHOOKS -> standardWebhooks(key, header, body, now, tolerance);
      case GITHUB -> github(key, header, body);
      case SLACK -> slack(key, header, body, now, tolerance);
    };
  }

  private static String standardWebhooks(
      byte[] key, Function<String, String> header, byte[] body, Instant now, Duration tolerance) {
    String id = deliveryId(header, "webhook-id");
    String timestamp = timestamp(header, "webhook-timestamp", now, tolerance);
    String signatures = required(header, "webhook-signature");
    byte[] expected = StandardWebhooks.mac(key, id, timestamp, body);
    for (String signature : signatures.trim().split(" +")) {
      // Other versions (v1a: asymmetric) are skipped, as the specification's receivers do.
      if (signature.startsWith("v1,")
          && MessageDigest.isEqual(
              expected, signature.substring(3).getBytes(StandardCharsets.US_ASCII))) {
        return id;
      }
    }
    throw badSignature("webhook-signature");
  }

  private static String github(byte[] key, Function<String, String> header, byte[] body) {
    String id = deliveryId(header, "X-GitHub-Delivery");
    String signature = required(header, "X-Hub-Signature-256");
    checkHex(signature, "sha256=", hmac(key, body), "X-Hub-Signature-256");
    return id;
  }

  private static String slack(
      byte[] key, Function<String, String> header, byte[] body, Instant now, Duration tolerance) {
    String timestamp = timestamp(header, "X-Slack-Request-Timestamp", now, tolerance);
    String signature = required(header, "X-Slack-Signature");
    checkHex(
        signature, "v0=", hmac(key, concat("v0:" + timestamp + ":", body)), "X-Slack-Signature");
    return timestamp + " " + signature;
  }

  private static void checkHex(String signature, String prefix, byte[] mac, String name) {
    byte[] expected = (prefix + HexFormat.of().formatHex(mac)).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
      throw badSignature(name);
    }
  }

  private static String timestamp(
      Function<String, String> header, String name, Instant now, Duration tolerance) {
    String value = required(header, name);
    if (!TIMESTAMP.matcher(value).matches()) {
      throw new DeliveryRefused(
          Reason.MISSING_HEADER, "The " + name + " header must be seconds since the epoch");
    }
    long skew = Math.abs(now.getEpochSecond() - Long.parseLong(value));
    if (skew > tolerance.toSeconds()) {
      throw new DeliveryRefused(
          Reason.STALE_TIMESTAMP,
          "The "
              + name
              + " header is "
              + skew
              + " s from the API's clock, over the trigger's tolerance of "
              + tolerance.toSeconds()
              + " s");
    }
    return value;
  }

  private static String deliveryId(Function<String, String> header, String name) {
    String value = required(header, name);
    if (!DELIVERY_ID.matcher(value).matches()) {
      throw new DeliveryRefused(
          Reason.MISSING_HEADER,
          "The " + name + " header must be 1 to 120 visible ASCII characters");
    }
    return value;
  }

  private static String required(Function<String, String> header, String name) {
    String value = header.apply(name);
    if (value == null || value.isBlank()) {
      throw new DeliveryRefused(
          Reason.MISSING_HEADER, "The " + name + " header is required by this trigger's preset");
    }
    return value;
  }

  private static DeliveryRefused badSignature(String name) {
    return new DeliveryRefused(
        Reason.BAD_SIGNATURE, "The " + name + " header does not sign this body with the secret");
  }

  private static byte[] concat(String prefix, byte[] body) {
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
