package dev.agentruntime.worker.webhook;

import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.secret.SealedValues;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Starts the worker's webhook sender with the application and stops it on shutdown. */
@Singleton
public class WebhookLifecycle {

  private static final Logger LOG = Logger.getLogger(WebhookLifecycle.class);

  private final WebhookDispatcher dispatcher;
  private final boolean enabled;

  public WebhookLifecycle(
      WebhookDeliveryRepository deliveries,
      SealedValues sealedValues,
      Egress egress,
      WebhookMetrics metrics,
      @ConfigProperty(name = "agent-runtime.webhooks.enabled") boolean enabled,
      @ConfigProperty(name = "agent-runtime.webhooks.retry-schedule") List<Duration> schedule,
      @ConfigProperty(name = "agent-runtime.webhooks.jitter") double jitter,
      @ConfigProperty(name = "agent-runtime.webhooks.max-retry-after") Duration maxRetryAfter,
      @ConfigProperty(name = "agent-runtime.webhooks.attempt-timeout") Duration attemptTimeout,
      @ConfigProperty(name = "agent-runtime.webhooks.poll-interval") Duration pollInterval,
      @ConfigProperty(name = "agent-runtime.webhooks.concurrency") int concurrency,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.enabled = enabled;
    this.dispatcher =
        new WebhookDispatcher(
            deliveries,
            sealedValues,
            egress,
            new WebhookSettings(
                schedule, jitter, maxRetryAfter, attemptTimeout, pollInterval, concurrency),
            metrics,
            url,
            user,
            password);
  }

  void start(@Observes StartupEvent event) {
    if (enabled) {
      dispatcher.start();
      LOG.info("webhooks: sending deliveries");
    } else {
      LOG.info("webhooks: not sending (agent-runtime.webhooks.enabled=false)");
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (enabled) {
      dispatcher.stop(Duration.ofSeconds(5));
    }
  }
}
