package dev.agentruntime.api.webhook;

import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.WebhookDisabled;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.secret.TenantDataKeys;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.core.webhook.StandardWebhooks;
import dev.agentruntime.core.webhook.WebhookEventTypes;
import dev.agentruntime.core.webhook.WebhookSecretNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A tenant's outbound webhooks (docs/api.md#webhooks). A webhook's signing secret is made here,
 * answered once, and stored sealed with the tenant's data key (bound to {@code webhook <id>}, the
 * name the worker's sender opens it under). A rotation keeps the previous secret, sealed the same
 * way, for an overlap during which the sender signs with both.
 */
@ApplicationScoped
public class WebhookService {

  static final String NAME_REGEX = "^[A-Za-z][A-Za-z0-9_.-]{0,62}$";

  private static final Logger LOG = Logger.getLogger(WebhookService.class);

  private final WebhookRepository webhooks;
  private final TenantDataKeys dataKeys;
  private final Duration rotationOverlap;

  public WebhookService(
      WebhookRepository webhooks,
      TenantDataKeys dataKeys,
      @ConfigProperty(name = "agent-runtime.webhooks.rotation-overlap") Duration rotationOverlap) {
    this.webhooks = webhooks;
    this.dataKeys = dataKeys;
    this.rotationOverlap = rotationOverlap;
  }

  /** Creates a webhook; the answer holds its secret, the only time it is shown. */
  @Transactional
  public WebhookResponse create(String tenantId, CreateWebhookRequest request, String actor) {
    String url = WebhookUrls.check(request.url());
    List<String> types = eventTypes(request.eventTypes());
    UUID id = UUID.randomUUID();
    String secret = StandardWebhooks.newSecret();
    boolean enabled = request.enabled() == null || request.enabled();
    return webhooks
        .insert(
            tenantId, id, request.name(), url, types, enabled, seal(tenantId, id, secret), actor)
        .orElseThrow(
            () ->
                new AlreadyExists(
                    "Webhook '" + request.name() + "' already exists", "/v1/webhooks"))
        .withSecret(secret);
  }

  public List<WebhookResponse> list(String tenantId) {
    return webhooks.list(tenantId);
  }

  public WebhookResponse get(String tenantId, UUID id) {
    return webhooks.find(tenantId, id).orElseThrow(() -> notFound(id));
  }

  @Transactional
  public WebhookResponse update(String tenantId, UUID id, UpdateWebhookRequest request) {
    WebhookResponse current = get(tenantId, id);
    webhooks.update(
        tenantId,
        id,
        request.url() == null ? current.url() : WebhookUrls.check(request.url()),
        request.eventTypes() == null ? current.eventTypes() : eventTypes(request.eventTypes()),
        request.enabled() == null ? current.enabled() : request.enabled());
    return get(tenantId, id);
  }

  @Transactional
  public void delete(String tenantId, UUID id) {
    if (!webhooks.delete(tenantId, id)) {
      throw notFound(id);
    }
  }

  /**
   * A new secret, answered this once; the one it replaces still signs for {@code overlap} (null:
   * the configured default), so receivers can switch without missing a delivery.
   */
  @Transactional
  public WebhookResponse rotateSecret(String tenantId, UUID id, Integer overlapSeconds) {
    byte[] previous = webhooks.sealedSecret(tenantId, id).orElseThrow(() -> notFound(id));
    Duration overlap =
        overlapSeconds == null ? rotationOverlap : Duration.ofSeconds(overlapSeconds);
    String secret = StandardWebhooks.newSecret();
    webhooks.rotate(
        tenantId,
        id,
        seal(tenantId, id, secret),
        previous,
        overlap.isZero() ? null : Instant.now().plus(overlap));
    return get(tenantId, id).withSecret(secret);
  }

  /**
   * @param cursor the {@code nextCursor} of the previous page, or null
   */
  public WebhookDeliveryPageResponse deliveries(
      String tenantId, UUID id, String cursor, int limit) {
    get(tenantId, id);
    UUID after = cursor == null ? null : cursor(cursor);
    List<WebhookDeliveryResponse> items =
        webhooks
            .deliveries(tenantId, id, after, limit)
            .orElseThrow(
                () -> new InvalidParameter("cursor", "the nextCursor of this webhook's log"));
    String next = items.size() == limit ? items.get(items.size() - 1).id().toString() : null;
    return new WebhookDeliveryPageResponse(items, next);
  }

  public WebhookDeliveryResponse delivery(String tenantId, UUID id, UUID deliveryId) {
    return webhooks
        .delivery(tenantId, id, deliveryId)
        .orElseThrow(() -> new NotFound("Delivery " + deliveryId + " of webhook " + id));
  }

  /**
   * Sends a delivery again (whatever its status) with a fresh retry schedule and its message id.
   */
  @Transactional
  public WebhookDeliveryResponse redeliver(
      String tenantId, UUID id, UUID deliveryId, String actor, String reason) {
    WebhookResponse webhook = get(tenantId, id);
    delivery(tenantId, id, deliveryId);
    if (!webhook.enabled()) {
      throw new WebhookDisabled(id);
    }
    webhooks.redeliver(tenantId, id, deliveryId);
    LOG.infof(
        "webhook %s of tenant %s: delivery %s redelivered by %s%s",
        id, tenantId, deliveryId, actor, reason == null ? "" : " (" + reason + ")");
    return delivery(tenantId, id, deliveryId);
  }

  private byte[] seal(String tenantId, UUID id, String secret) {
    byte[] dataKey = dataKeys.forSealing(tenantId);
    try {
      return SecretEnvelope.seal(
          dataKey, tenantId, WebhookSecretNames.of(id), secret.getBytes(StandardCharsets.US_ASCII));
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** Known types, each once, in the order given. */
  private static List<String> eventTypes(List<String> types) {
    for (String type : types) {
      if (!WebhookEventTypes.ALL.contains(type)) {
        String message = "must each be one of " + String.join(", ", sortedTypes());
        throw new InvalidRequest(
            "The eventTypes " + message + "; '" + type + "' is not",
            List.of(new Violation("eventTypes", message)));
      }
    }
    return List.copyOf(new LinkedHashSet<>(types));
  }

  private static List<String> sortedTypes() {
    return WebhookEventTypes.ORDERED;
  }

  private static UUID cursor(String cursor) {
    try {
      return UUID.fromString(cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameter("cursor", "the nextCursor of this webhook's log");
    }
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("Webhook " + id);
  }
}
