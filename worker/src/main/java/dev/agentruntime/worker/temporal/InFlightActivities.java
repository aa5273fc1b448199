package dev.agentruntime.worker.temporal;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.HashSet;
import java.util.Set;

/**
 * The activity attempts this worker is running, so a drain can say how much work it waited for and
 * interrupt what outlives its grace.
 */
final class InFlightActivities extends WorkerInterceptorBase {

  private final Set<Thread> running = new HashSet<>();
  private final Set<Thread> interrupted = new HashSet<>();
  private long finished;

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        started();
        try {
          return super.execute(input);
        } finally {
          ended();
        }
      }
    };
  }

  synchronized int running() {
    return running.size();
  }

  synchronized long finished() {
    return finished;
  }

  /**
   * Interrupts every attempt still running (a blocked model or HTTP call is aborted by it) and
   * returns how many. The SDK's own {@code shutdownNow} interrupts them too, but only after waiting
   * up to 5 s for its heartbeat thread; the failure must reach Temporal before the process closes
   * its connection, so the retry starts at once instead of after the heartbeat timeout.
   */
  synchronized int interruptAll() {
    running.forEach(Thread::interrupt);
    interrupted.addAll(running);
    return running.size();
  }

  private synchronized void started() {
    running.add(Thread.currentThread());
  }

  private synchronized void ended() {
    Thread current = Thread.currentThread();
    running.remove(current);
    finished++;
    if (interrupted.remove(current)) {
      // An interrupt left pending would cancel the SDK's report of this attempt's outcome.
      Thread.interrupted();
    }
  }
}
