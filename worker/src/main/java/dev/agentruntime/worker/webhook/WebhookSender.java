package dev.agentruntime.worker.webhook;

import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.core.webhook.StandardWebhooks;
import dev.agentruntime.core.webhook.WebhookSecretNames;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressClient;
import dev.agentruntime.worker.egress.EgressException;
import dev.agentruntime.worker.egress.EgressLimits;
import dev.agentruntime.worker.egress.EgressRefused;
import dev.agentruntime.worker.egress.EgressResponse;
import dev.agentruntime.worker.secret.SealedValues;
import dev.agentruntime.worker.webhook.WebhookMetrics.Outcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes one attempt of a claimed delivery and records what came of it. The request goes through the
 * tenant's egress gate like every call made for a tenant ({@link Egress#forSpecUrl}): a URL the
 * platform refuses (loopback, private networks, the deployment's own) is a failed delivery naming
 * the refusal, unless the operator granted it to the tenant. No redirect is followed (a 3xx is a
 * failed attempt), so a receiver cannot bounce the signed body elsewhere.
 *
 * <p>2xx is delivered; 410 Gone disables the webhook; any other answer or a network failure is
 * retried by the {@link RetrySchedule}, honouring {@code Retry-After}.
 */
final class WebhookSender {

  private static final Logger LOG = Logger.getLogger(WebhookSender.class);

  /** What a receiver answers is not kept: only its status. */
  private static final int MAX_RESPONSE_BYTES = 1024;

  private final WebhookDeliveryRepository deliveries;
  private final SealedValues sealedValues;
  private final Egress egress;
  private final EgressLimits limits;
  private final RetrySchedule retries;
  private final WebhookMetrics metrics;

  WebhookSender(
      WebhookDeliveryRepository deliveries,
      SealedValues sealedValues,
      Egress egress,
      WebhookSettings settings,
      WebhookMetrics metrics) {
    this.deliveries = deliveries;
    this.sealedValues = sealedValues;
    this.egress = egress;
    this.limits =
        new EgressLimits(
            MAX_RESPONSE_BYTES, settings.attemptTimeout(), settings.attemptTimeout(), 0, false);
    this.retries = new RetrySchedule(settings);
    this.metrics = metrics;
  }

  void attempt(ClaimedDelivery d) {
    if (!d.webhookEnabled()) {
      deliveries.abandoned(d);
      metrics.attempt(Outcome.ABANDONED, null);
      return;
    }
    List<byte[]> keys;
    try {
      keys = keys(d);
    } catch (SealedValues.KeyMissing | SecretCryptoException e) {
      // The operator's matter (a master key missing here): retried, so a fixed worker sends it.
      retry(d, null, "the signing secret cannot be opened: " + e.getMessage(), null, null);
      return;
    }
    URI url;
    try {
      url = URI.create(d.url());
    } catch (IllegalArgumentException e) {
      // The API admits only URLs that parse; a row written otherwise is not retried.
      deliveries.failed(d, null, "the webhook's URL does not parse", null);
      metrics.attempt(Outcome.FAILED, null);
      return;
    }
    byte[] body = WebhookMessage.body(d);
    Instant now = Instant.now();
    EgressClient client = egress.forSpecUrl(d.tenantId(), limits);
    long started = System.nanoTime();
    EgressResponse response;
    try {
      response = client.execute("POST", url, WebhookMessage.headers(d, body, keys, now), body);
    } catch (EgressRefused e) {
      // Nothing was sent, and a retry would be refused the same way: the operator's grant or the
      // tenant's URL must change, and then a redelivery sends it.
      deliveries.failed(d, null, "refused by the egress policy: " + e.getMessage(), null);
      metrics.attempt(Outcome.FAILED, null);
      return;
    } catch (EgressException e) {
      // EgressFailed: lookup, connect, TLS or the time cap; a retry may succeed.
      Duration latency = since(started);
      retry(d, null, e.getMessage(), latency, null);
      return;
    } finally {
      keys.forEach(k -> Arrays.fill(k, (byte) 0));
    }
    Duration latency = since(started);
    int status = response.status();
    if (status >= 200 && status < 300) {
      deliveries.delivered(d, status, latency.toMillis());
      metrics.attempt(Outcome.DELIVERED, latency);
      metrics.delivered(Duration.between(d.eventAt(), Instant.now()));
    } else if (status == 410) {
      String reason = "the endpoint answered 410 Gone at " + Instant.now();
      deliveries.gone(d, latency.toMillis(), reason);
      metrics.attempt(Outcome.GONE, latency);
      LOG.infof("webhook %s of tenant %s disabled: %s", d.webhookId(), d.tenantId(), reason);
    } else {
      retry(
          d,
          status,
          "the endpoint answered HTTP " + status,
          latency,
          header(response, "retry-after"));
    }
  }

  private void retry(
      ClaimedDelivery d, Integer status, String error, Duration latency, String retryAfter) {
    Integer millis = latency == null ? null : (int) latency.toMillis();
    Optional<Duration> wait = retries.after(d.attempt(), retryAfter, Instant.now());
    if (wait.isPresent()) {
      deliveries.retryLater(d, status, error, millis, wait.get());
      metrics.attempt(Outcome.RETRY, latency);
    } else {
      deliveries.failed(d, status, error + " (attempt " + d.attempt() + ", the last)", millis);
      metrics.attempt(Outcome.FAILED, latency);
    }
  }

  /** The current secret's key, then the previous one's while the rotation's overlap lasts. */
  private List<byte[]> keys(ClaimedDelivery d) {
    List<byte[]> keys = new ArrayList<>(2);
    keys.add(key(d, d.sealedSecret()));
    if (d.previousSealedSecret() != null) {
      keys.add(key(d, d.previousSealedSecret()));
    }
    return keys;
  }

  private byte[] key(ClaimedDelivery d, byte[] sealed) {
    byte[] secret =
        sealedValues.open(
            d.tenantId(),
            d.masterKeyId(),
            d.wrappedKey(),
            WebhookSecretNames.of(d.webhookId()),
            sealed);
    try {
      return StandardWebhooks.key(new String(secret, StandardCharsets.US_ASCII));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static String header(EgressResponse response, String name) {
    List<String> values = response.headers().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
