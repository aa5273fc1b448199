package dev.agentruntime.worker.activity;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityNotExistsException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long activity visibly alive while it waits on a blocking call (a model answer), so a
 * worker that dies mid-call is noticed after the heartbeat timeout, not after the whole attempt
 * timeout. The heartbeat is also how a cancel reaches the activity: when Temporal answers one with
 * "cancelled", the blocked call's thread is interrupted, which aborts its HTTP exchange (the JDK
 * client closes the connection), so a cancelled run stops paying for the call at once.
 */
public final class Heartbeats {

  /** Well inside {@code RunActivityOptions.HEARTBEAT_TIMEOUT}, so one late tick is not fatal. */
  public static final Duration INTERVAL = Duration.ofSeconds(2);

  private static final ScheduledExecutorService TICKER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "activity-heartbeats");
            thread.setDaemon(true);
            return thread;
          });

  private Heartbeats() {}

  /** Heartbeats for {@code context} until closed. */
  public static Ticking start(ActivityExecutionContext context) {
    Ticking ticking = new Ticking(context, Thread.currentThread());
    ticking.ticks =
        TICKER.scheduleAtFixedRate(
            ticking::tick,
            // The first tick after one interval: a call that answers sooner never heartbeats, so a
            // fast step pays no extra server round trip.
            INTERVAL.toMillis(),
            INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
    return ticking;
  }

  /** A running heartbeat; closing it stops the ticks and clears an interrupt it caused. */
  public static final class Ticking implements AutoCloseable {

    private final ActivityExecutionContext context;
    private final Thread caller;
    private ScheduledFuture<?> ticks;
    private boolean open = true;
    private boolean cancelled;

    private Ticking(ActivityExecutionContext context, Thread caller) {
      this.context = context;
      this.caller = caller;
    }

    /** Whether the activity was cancelled or its run ended (and its call was interrupted). */
    public synchronized boolean cancelled() {
      return cancelled;
    }

    private void tick() {
      try {
        context.heartbeat(null);
      } catch (ActivityCanceledException | ActivityNotExistsException e) {
        // Cancelled, or its run already ended (a run that ends closes its workflow, and with it
        // the activity): nobody waits for this call's answer any more.
        interrupt();
      } catch (RuntimeException stopped) {
        // Timed out or the worker is shutting down: the call's own outcome tells the activity.
      }
    }

    private synchronized void interrupt() {
      // Only while the call runs: once closed, the thread belongs to another activity.
      if (open && !cancelled) {
        cancelled = true;
        caller.interrupt();
      }
    }

    @Override
    public void close() {
      ticks.cancel(false);
      synchronized (this) {
        open = false;
        if (cancelled) {
          Thread.interrupted(); // the pooled thread goes back without our interrupt
        }
      }
    }
  }
}
