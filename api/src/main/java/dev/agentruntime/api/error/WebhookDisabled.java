package dev.agentruntime.api.error;

import java.util.UUID;

/** A redelivery asked of a disabled webhook: the sender would abandon it unsent. */
public final class WebhookDisabled extends DomainException {

  public WebhookDisabled(UUID webhookId) {
    super(
        "Webhook "
            + webhookId
            + " is disabled, so nothing would be sent; enable it (PATCH enabled=true) first",
        null);
  }
}
