package dev.agentruntime.api.limits;

import dev.agentruntime.api.error.RateLimited;
import dev.agentruntime.core.log.LogSafe;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RedissonClient;

/**
 * Caps the event streams a tenant holds open across every API instance, so that one tenant cannot
 * take the connections and stream threads every tenant shares. Each open stream holds a lease on
 * one of its tenant's permits in Redis (an expirable semaphore): this process renews the leases of
 * its open streams and gives each back when its stream ends, and the leases of an API that died
 * expire by themselves within {@link #LEASE}. When Redis is unreachable streams are let through, as
 * admissions are ({@link RunAdmissionLimiter}): the cap protects capacity, it is not what makes a
 * stream correct.
 */
@ApplicationScoped
public class EventStreamLimiter {

  private static final Logger LOG = Logger.getLogger(EventStreamLimiter.class);

  /**
   * How long a lease lasts without renewal: how long the streams of an API that died keep their
   * slots at most. Renewed three times as often, so one slow or failed renewal loses nothing.
   */
  static final Duration LEASE = Duration.ofSeconds(30);

  /**
   * When a refused client may try again. A slot frees whenever one of the tenant's streams ends,
   * which nothing here can predict: soon enough to notice, far enough apart not to hammer.
   */
  static final long RETRY_AFTER_SECONDS = 5;

  /** A stream's hold on one of its tenant's slots. */
  public interface Slot {

    /**
     * Keeps the slot while the stream is open. Should it be lost (Redis lost the lease) and not be
     * taken again because the tenant is at its cap meanwhile, {@code onLost} runs once.
     */
    void keep(Runnable onLost);

    /** Gives the slot back, at once and without blocking; a second call does nothing. */
    void release();
  }

  /** What a stream holds when Redis could not be asked: nothing to keep or give back. */
  private static final Slot UNCOUNTED =
      new Slot() {
        @Override
        public void keep(Runnable onLost) {}

        @Override
        public void release() {}
      };

  private final RedissonClient redisson;
  private final int maxPerTenant;
  private final Duration lease;
  private final Set<Held> kept = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService renewals;
  private volatile boolean renewalsFailing;

  @Inject
  public EventStreamLimiter(
      RedissonClient redisson,
      @ConfigProperty(name = "agent-runtime.streams.max-per-tenant") int maxPerTenant) {
    this(redisson, maxPerTenant, LEASE);
  }

  /** With another lease, so a test can watch a lease of a dead API expire. */
  public EventStreamLimiter(RedissonClient redisson, int maxPerTenant, Duration lease) {
    if (maxPerTenant < 1) {
      throw new IllegalArgumentException(
          "agent-runtime.streams.max-per-tenant must be at least 1, not " + maxPerTenant);
    }
    this.redisson = redisson;
    this.maxPerTenant = maxPerTenant;
    this.lease = lease;
    this.renewals =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "event-stream-leases");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(1, lease.toMillis() / 3);
    renewals.scheduleAtFixedRate(this::renewAll, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes one of the tenant's stream slots. Blocking (one Redis call, two on a tenant's first
   * stream); the caller keeps the slot once its stream is open and releases it when it ends. A slot
   * never kept expires after the lease.
   *
   * @throws RateLimited when the tenant has as many streams open as it may
   */
  public Slot acquire(String tenantId) {
    RPermitExpirableSemaphore semaphore;
    String permit;
    try {
      semaphore = semaphoreOf(tenantId);
      permit = tryAcquire(semaphore);
      // No permit may also mean no permits were ever set: a tenant's first stream, or Redis lost
      // its data. Setting them is a no-op when they exist, so only a refusal pays for the check.
      if (permit == null && semaphore.trySetPermits(maxPerTenant)) {
        permit = tryAcquire(semaphore);
      }
    } catch (RuntimeException e) {
      LOG.warnf("event stream cap not enforced, Redis failed: %s", LogSafe.escape(e.toString()));
      return UNCOUNTED;
    }
    if (permit == null) {
      throw new RateLimited(
          "Tenant '"
              + tenantId
              + "' has "
              + maxPerTenant
              + " event streams open, as many as it may; close one, or retry later",
          RETRY_AFTER_SECONDS);
    }
    return new Held(semaphore, permit);
  }

  private RPermitExpirableSemaphore semaphoreOf(String tenantId) {
    return redisson.getPermitExpirableSemaphore(keyOf(tenantId));
  }

  /**
   * The tenant's semaphore in Redis. The cap is part of the key, so a changed cap takes effect at
   * once (as the admission rate does); the permits under the old key expire with their leases.
   */
  String keyOf(String tenantId) {
    return "agent-runtime:event-streams:" + maxPerTenant + ":" + tenantId;
  }

  /** A permit at once or none (a wait of zero never subscribes to the semaphore's channel). */
  private String tryAcquire(RPermitExpirableSemaphore semaphore) {
    try {
      return semaphore.tryAcquire(0, lease.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while taking an event stream slot", e);
    }
  }

  private void renewAll() {
    for (Held slot : kept) {
      slot.semaphore
          .updateLeaseTimeAsync(slot.permit, lease.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete(
              (renewed, failure) -> {
                if (failure != null) {
                  // Redis away: the stream goes on, as a stream opened now would.
                  if (!renewalsFailing) {
                    renewalsFailing = true;
                    LOG.warnf(
                        "event stream leases not renewed, Redis failed: %s",
                        LogSafe.escape(failure.toString()));
                  }
                  return;
                }
                renewalsFailing = false;
                if (!renewed) {
                  renewals.execute(() -> retake(slot));
                }
              });
    }
  }

  /**
   * The lease was gone (Redis restarted empty, or it expired while Redis was away): take a slot
   * again, or end the stream if the tenant's other streams took them all meanwhile.
   */
  private void retake(Held slot) {
    if (slot.released) {
      return;
    }
    String permit;
    try {
      permit = tryAcquire(slot.semaphore);
      if (permit == null && slot.semaphore.trySetPermits(maxPerTenant)) {
        permit = tryAcquire(slot.semaphore);
      }
    } catch (RuntimeException e) {
      return; // Redis away again: the next renewal tries once more
    }
    if (permit == null) {
      kept.remove(slot);
      slot.lost();
      return;
    }
    if (!slot.replace(permit)) {
      slot.semaphore.tryReleaseAsync(permit);
    }
  }

  @PreDestroy
  void stop() {
    renewals.shutdownNow();
  }

  private final class Held implements Slot {

    final RPermitExpirableSemaphore semaphore;
    volatile String permit;
    volatile boolean released;
    private Runnable onLost;

    Held(RPermitExpirableSemaphore semaphore, String permit) {
      this.semaphore = semaphore;
      this.permit = permit;
    }

    @Override
    public synchronized void keep(Runnable onLost) {
      if (released) {
        return;
      }
      this.onLost = onLost;
      kept.add(this);
    }

    @Override
    public void release() {
      String given;
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
        given = permit;
      }
      kept.remove(this);
      // Asynchronous: a stream ends on an event loop thread when its client goes away.
      semaphore
          .tryReleaseAsync(given)
          .whenComplete(
              (done, failure) -> {
                if (failure != null) {
                  LOG.debugf(
                      "an event stream slot was not given back (it expires with its lease): %s",
                      LogSafe.escape(failure.toString()));
                }
              });
    }

    /** Swaps in a permit taken again; false when the stream ended meanwhile. */
    synchronized boolean replace(String retaken) {
      if (released) {
        return false;
      }
      permit = retaken;
      return true;
    }

    void lost() {
      Runnable callback;
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
        callback = onLost;
      }
      if (callback != null) {
        callback.run();
      }
    }
  }
}
