package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.KernelDependencyUnavailable;
import dev.agentruntime.storage.ObjectStoreException;
import dev.agentruntime.worker.store.RunEventRepository;
import dev.agentruntime.worker.store.StoreException;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Failures of the kernel's own dependencies (PostgreSQL, the object store) inside a step activity.
 * They are not the model's or the tool's doing, so they must not spend the agent's retry policy:
 * the step fails at once with {@link ActivityFailureTypes#KERNEL_UNAVAILABLE}, which that policy
 * does not retry, and the workflow schedules the step again under the kernel's own policy, until
 * the dependency is back or the run's time limit ends.
 */
public final class KernelFailures {

  private static final Logger LOG = Logger.getLogger(KernelFailures.class);

  private KernelFailures() {}

  /** Whether {@code e} is a failure of a kernel dependency rather than of the step's own work. */
  public static boolean isKernel(RuntimeException e) {
    return e instanceof StoreException
        || (e instanceof ObjectStoreException && e.getCause() != null);
  }

  /**
   * The failure to raise for a kernel dependency failure, after recording a {@code
   * kernel.dependency.unavailable} event where the database still takes one (an object-store
   * outage); during a database outage only the worker's log says so.
   */
  public static ApplicationFailure unavailable(
      RuntimeException e,
      RunEventRepository events,
      String tenant,
      UUID runId,
      String eventKey,
      int step,
      ActivityInfo info) {
    String dependency =
        e instanceof StoreException
            ? KernelDependencyUnavailable.DATABASE
            : KernelDependencyUnavailable.OBJECT_STORE;
    LOG.warnf(
        "run %s step %d: %s unavailable, the workflow retries the step: %s",
        runId, step, dependency, e.getMessage());
    try {
      events.append(
          tenant,
          runId,
          RunEventKeys.kernelOutage(eventKey, info.getActivityId()),
          new KernelDependencyUnavailable(
              step, info.getActivityType(), dependency, e.getMessage()));
    } catch (RuntimeException unrecorded) {
      // The database is what is down: the log line above is all that can be kept now.
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(
        dependency + " unavailable: " + e.getMessage(), ActivityFailureTypes.KERNEL_UNAVAILABLE, e);
  }
}
