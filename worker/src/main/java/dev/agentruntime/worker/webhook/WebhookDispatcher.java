package dev.agentruntime.worker.webhook;

import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.secret.SealedValues;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The webhook sender's loop: claims due deliveries while it has free slots ({@link
 * WebhookSettings#concurrency()}), hands each to a {@link WebhookSender} on a thread of its pool,
 * and sleeps until a notification, a finished attempt or the poll interval wakes it. It runs beside
 * the runs and shares nothing with them: a slow receiver holds a slot of this pool, never a run.
 */
public final class WebhookDispatcher {

  private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

  private final WebhookDeliveryRepository deliveries;
  private final WebhookSender sender;
  private final WebhookSettings settings;
  private final Semaphore slots;
  private final Semaphore wakeups = new Semaphore(0);
  private final ExecutorService pool;
  private final WebhookWakeups listener;
  private final Thread loop;
  private volatile boolean running = true;

  /**
   * @param jdbcUrl the database to LISTEN on for wake-ups (with {@code user} and {@code password});
   *     null to poll only
   */
  public WebhookDispatcher(
      WebhookDeliveryRepository deliveries,
      SealedValues sealedValues,
      Egress egress,
      WebhookSettings settings,
      WebhookMetrics metrics,
      String jdbcUrl,
      String user,
      String password) {
    this.deliveries = deliveries;
    this.sender = new WebhookSender(deliveries, sealedValues, egress, settings, metrics);
    this.settings = settings;
    this.slots = new Semaphore(settings.concurrency());
    this.pool =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "webhook-sender");
              t.setDaemon(true);
              return t;
            });
    this.listener =
        jdbcUrl == null ? null : new WebhookWakeups(jdbcUrl, user, password, this::wake);
    this.loop = new Thread(this::run, "webhook-dispatcher");
    loop.setDaemon(true);
  }

  public void start() {
    if (listener != null) {
      listener.start();
    }
    loop.start();
  }

  /**
   * Stops claiming and waits (bounded) for the attempts in flight; an unfinished one is retried.
   */
  public void stop(Duration grace) {
    running = false;
    if (listener != null) {
      listener.stop();
    }
    loop.interrupt();
    pool.shutdown();
    try {
      pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.shutdownNow();
  }

  void wake() {
    wakeups.release();
  }

  private void run() {
    while (running) {
      try {
        int free = slots.availablePermits();
        List<ClaimedDelivery> claimed =
            free == 0 ? List.of() : deliveries.claim(free, settings.lease());
        for (ClaimedDelivery d : claimed) {
          slots.acquireUninterruptibly();
          pool.execute(() -> attempt(d));
        }
        if (claimed.isEmpty() || claimed.size() == free) {
          // Nothing due, or every slot busy: wait for a wake-up (a notification or a freed slot).
          wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wakeups.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("webhook deliveries not claimed (%s); trying again", e.getMessage());
        try {
          Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void attempt(ClaimedDelivery d) {
    try {
      sender.attempt(d);
    } catch (RuntimeException e) {
      // The outcome was not recorded: the claim's lease runs out and another attempt follows.
      LOG.warnf("webhook delivery %s: attempt not recorded (%s)", d.id(), e.getMessage());
    } finally {
      slots.release();
      wake();
    }
  }
}
