package dev.agentruntime.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.api.error.DeliveryRefused;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signature checks against vectors published by the senders themselves, so the verification is held
 * to what someone else computed: the Standard Webhooks reference libraries' test vector and the
 * example of GitHub's "Validating webhook deliveries" page. The Standard Webhooks vector is what
 * the PyPI library {@code standardwebhooks} 1.3.0 answers for {@code Webhook.sign} of that id,
 * timestamp and body (checked by hand; no Python runs in this test).
 */
class TriggerSignaturesTest {

  private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final String SW_TIMESTAMP = "1614265330";
  private static final byte[] SW_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SW_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final Instant SW_NOW = Instant.ofEpochSecond(1614265330 + 10);
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void theStandardWebhooksVectorVerifiesAndAnswersItsMessageId() {
    assertThat(standardWebhooks(SW_SIGNATURE, SW_NOW)).isEqualTo(SW_ID);
  }

  @Test
  void oneMatchingSignatureAmongSeveralIsEnough() {
    String several = "v1a,c2lnbmVk v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SW_SIGNATURE;
    assertThat(standardWebhooks(several, SW_NOW)).isEqualTo(SW_ID);
  }

  @Test
  void aForgedSignatureOrAnotherBodyIsRefused() {
    assertReason(
        () -> standardWebhooks("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=", SW_NOW),
        DeliveryRefused.Reason.BAD_SIGNATURE);
    assertReason(
        () ->
            TriggerSignatures.verify(
                TriggerPreset.STANDARD_WEBHOOKS,
                List.of(TriggerPreset.STANDARD_WEBHOOKS.hmacKey(SW_SECRET)),
                swHeaders(SW_SIGNATURE)::get,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8),
                SW_NOW,
                TOLERANCE),
        DeliveryRefused.Reason.BAD_SIGNATURE);
  }

  @Test
  void duringARotationTheReplacedSecretStillVerifiesAndAnyOtherDoesNot() {
    byte[] current = TriggerPreset.STANDARD_WEBHOOKS.hmacKey("whsec_" + base64("a new secret"));
    byte[] replaced = TriggerPreset.STANDARD_WEBHOOKS.hmacKey(SW_SECRET);
    assertThat(
            TriggerSignatures.verify(
                TriggerPreset.STANDARD_WEBHOOKS,
                List.of(current, replaced),
                swHeaders(SW_SIGNATURE)::get,
                SW_BODY,
                SW_NOW,
                TOLERANCE))
        .isEqualTo(SW_ID);
    assertReason(
        () ->
            TriggerSignatures.verify(
                TriggerPreset.STANDARD_WEBHOOKS,
                List.of(current),
                swHeaders(SW_SIGNATURE)::get,
                SW_BODY,
                SW_NOW,
                TOLERANCE),
        DeliveryRefused.Reason.BAD_SIGNATURE);
  }

  @Test
  void aTimestampOutsideTheToleranceIsRefusedEitherWay() {
    assertReason(
        () -> standardWebhooks(SW_SIGNATURE, SW_NOW.plus(Duration.ofMinutes(6))),
        DeliveryRefused.Reason.STALE_TIMESTAMP);
    assertReason(
        () -> standardWebhooks(SW_SIGNATURE, SW_NOW.minus(Duration.ofMinutes(6))),
        DeliveryRefused.Reason.STALE_TIMESTAMP);
  }

  @Test
  void theGitHubExampleVerifiesAndAnswersTheDeliveryId() {
    byte[] key = TriggerPreset.GITHUB.hmacKey("It's a Secret to Everybody");
    Map<String, String> headers =
        Map.of(
            "X-Hub-Signature-256",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "X-GitHub-Delivery",
            "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    assertThat(
            TriggerSignatures.verify(
                TriggerPreset.GITHUB, List.of(key), headers::get, body, Instant.now(), TOLERANCE))
        .isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    assertReason(
        () ->
            TriggerSignatures.verify(
                TriggerPreset.GITHUB,
                List.of(key),
                Map.of("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")::get,
                body,
                Instant.now(),
                TOLERANCE),
        DeliveryRefused.Reason.MISSING_HEADER);
  }

  @Test
  void aMissingOrMalformedHeaderIsRefusedAsMissing() {
    Map<String, String> noId = Map.of("webhook-timestamp", SW_TIMESTAMP, "webhook-signature", "x");
    assertReason(
        () ->
            TriggerSignatures.verify(
                TriggerPreset.STANDARD_WEBHOOKS,
                List.of(TriggerPreset.STANDARD_WEBHOOKS.hmacKey(SW_SECRET)),
                noId::get,
                SW_BODY,
                SW_NOW,
                TOLERANCE),
        DeliveryRefused.Reason.MISSING_HEADER);
    Map<String, String> badTimestamp =
        Map.of("webhook-id", SW_ID, "webhook-timestamp", "soon", "webhook-signature", "x");
    assertReason(
        () ->
            TriggerSignatures.verify(
                TriggerPreset.STANDARD_WEBHOOKS,
                List.of(TriggerPreset.STANDARD_WEBHOOKS.hmacKey(SW_SECRET)),
                badTimestamp::get,
                SW_BODY,
                SW_NOW,
                TOLERANCE),
        DeliveryRefused.Reason.MISSING_HEADER);
  }

  private static String standardWebhooks(String signature, Instant now) {
    return TriggerSignatures.verify(
        TriggerPreset.STANDARD_WEBHOOKS,
        List.of(TriggerPreset.STANDARD_WEBHOOKS.hmacKey(SW_SECRET)),
        swHeaders(signature)::get,
        SW_BODY,
        now,
        TOLERANCE);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> swHeaders(String signature) {
    return Map.of(
        "webhook-id", SW_ID, "webhook-timestamp", SW_TIMESTAMP, "webhook-signature", signature);
  }

  private static void assertReason(Runnable call, DeliveryRefused.Reason reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            DeliveryRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
