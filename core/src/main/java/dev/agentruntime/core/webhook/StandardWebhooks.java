package dev.agentruntime.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric signature of the Standard Webhooks specification
 * (https://www.standardwebhooks.com/), shared by the API's inbound triggers (which verify it) and
 * the worker's outbound webhooks (which send it): a secret is {@code whsec_} and the base64 of its
 * key; a signature is {@code v1,} and the base64 of HMAC-SHA256 over {@code
 * "<webhook-id>.<webhook-timestamp>.<body>"}.
 */
public final class StandardWebhooks {

  public static final String SECRET_PREFIX = "whsec_";

  /** The signature scheme's version tag in {@code webhook-signature}. */
  public static final String VERSION = "v1";

  private static final SecureRandom RANDOM = new SecureRandom();

  private StandardWebhooks() {}

  /** A new secret of 32 random bytes, as its holder is given it. */
  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /**
   * The HMAC key of a {@code whsec_} secret.
   *
   * @throws IllegalArgumentException when {@code secret} is not {@code whsec_} and base64
   */
  public static byte[] key(String secret) {
    if (!secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
    }
    return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
  }

  /** The base64 HMAC-SHA256 of {@code "id.timestamp.body"} under {@code key}, without "v1,". */
  public static byte[] mac(byte[] key, String id, String timestamp, byte[] body) {
    byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(head);
      return Base64.getEncoder().encode(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  /** One {@code v1,<signature>} entry of the {@code webhook-signature} header. */
  public static String signature(byte[] key, String id, String timestamp, byte[] body) {
    return VERSION + "," + new String(mac(key, id, timestamp, body), StandardCharsets.US_ASCII);
  }
}
