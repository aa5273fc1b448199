package dev.agentruntime.worker.activity;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long activity visibly alive while it waits on a blocking call (a model answer), so a
 * worker that dies mid-call is noticed after the heartbeat timeout, not after the whole attempt
 * timeout. Temporal throttles what it sends on, so a short interval costs little.
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

  /** A running heartbeat; closing it stops the ticks. */
  public interface Ticking extends AutoCloseable {
    @Override
    void close();
  }

  /** Heartbeats for {@code context} until the returned handle is closed. */
  public static Ticking start(ActivityExecutionContext context) {
    ScheduledFuture<?> ticks =
        TICKER.scheduleAtFixedRate(
            () -> {
              try {
                context.heartbeat(null);
              } catch (RuntimeException stopped) {
                // Cancelled or timed out: the activity learns it from its own call's outcome.
              }
            },
            // The first tick after one interval: a call that answers sooner never heartbeats, so a
            // fast step pays no extra server round trip.
            INTERVAL.toMillis(),
            INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
    return () -> ticks.cancel(false);
  }
}
