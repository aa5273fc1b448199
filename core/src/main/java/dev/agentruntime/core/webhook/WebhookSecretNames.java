package dev.agentruntime.core.webhook;

import java.util.UUID;

/**
 * The name a webhook's signing secrets are sealed under with the tenant's data key: the API seals
 * with it, the worker's sender opens with it. The envelope binds the name, so a sealed value copied
 * to another webhook's row does not open.
 */
public final class WebhookSecretNames {

  private WebhookSecretNames() {}

  public static String of(UUID webhookId) {
    return "webhook " + webhookId;
  }
}
