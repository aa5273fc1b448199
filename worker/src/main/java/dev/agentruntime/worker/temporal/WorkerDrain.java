package dev.agentruntime.worker.temporal;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The worker's graceful stop: polling ends at once (the queue's next tasks go to other workers),
 * the activities already running get {@code grace} to finish and report, and whatever is still
 * running then is interrupted; its attempt fails and Temporal retries it on another worker. Sized
 * for a container's stop timeout: the process exits within {@code grace} plus {@link #REPORT_WAIT}.
 */
final class WorkerDrain {

  private static final Logger LOG = Logger.getLogger(WorkerDrain.class);

  /**
   * After the grace, how long the interrupted activities get to report their failure (and record
   * it) before the process goes on closing the connections they report through. Reported, the retry
   * starts at once; unreported, only after the heartbeat or attempt timeout.
   */
  static final Duration REPORT_WAIT = Duration.ofSeconds(5);

  private WorkerDrain() {}

  /** Drains {@code workers}; returns whether every activity finished within the grace. */
  static boolean run(WorkerFactory workers, InFlightActivities activities, Duration grace) {
    long started = System.nanoTime();
    long finishedBefore = activities.finished();
    workers.shutdown();
    LOG.infof(
        "draining: polling stopped, %d activities in flight get up to %s to finish",
        activities.running(), grace);
    workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (workers.isTerminated()) {
      LOG.infof(
          "drained in %.1f s: %d activities finished",
          seconds(started), activities.finished() - finishedBefore);
      return true;
    }
    long finished = activities.finished() - finishedBefore;
    int abandoned = activities.interruptAll();
    workers.shutdownNow();
    workers.awaitTermination(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    LOG.warnf(
        "drain grace %s exceeded: %d activities finished, %d interrupted (Temporal retries them"
            + " on another worker)",
        grace, finished, abandoned);
    return false;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
