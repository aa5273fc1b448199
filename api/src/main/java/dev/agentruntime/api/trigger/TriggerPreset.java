package dev.agentruntime.api.trigger;

import dev.agentruntime.core.webhook.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a sender signs its deliveries to a trigger, and the secret it is given: Standard Webhooks
 * ({@code whsec_} and base64 of the key), GitHub and Slack (a random text that is the key itself).
 */
public enum TriggerPreset {
  STANDARD_WEBHOOKS("standard-webhooks"),
  GITHUB("github"),
  SLACK("slack");

  /** The wire names, for the OpenAPI document and refusals. */
  public static final String WIRE_NAMES = "standard-webhooks, github or slack";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String wireName;

  TriggerPreset(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<TriggerPreset> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst();
  }

  /** A new signing secret, as the sender is given it (32 random bytes). */
  String newSecret() {
    if (this == STANDARD_WEBHOOKS) {
      return StandardWebhooks.newSecret();
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return HexFormat.of().formatHex(key);
  }

  /** The HMAC key of a secret this preset made: Standard Webhooks signs with the decoded bytes. */
  byte[] hmacKey(String secret) {
    return this == STANDARD_WEBHOOKS
        ? StandardWebhooks.key(secret)
        : secret.getBytes(StandardCharsets.US_ASCII);
  }
}
