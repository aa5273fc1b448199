package dev.agentruntime.api.schedule;

import dev.agentruntime.core.log.LogSafe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Repairs the gap between committing a schedule's change and telling Temporal (the API crashed, or
 * Temporal was down): like the runs' reconciler, it applies every schedule whose row Temporal has
 * not caught up with after the grace, and finishes deletions.
 */
@ApplicationScoped
public class ScheduleReconciler {

  private static final Logger LOG = Logger.getLogger(ScheduleReconciler.class);
  private static final int BATCH = 50;

  private final ScheduleRepository schedules;
  private final ScheduleSync sync;
  private final Duration grace;

  ScheduleReconciler(
      ScheduleRepository schedules,
      ScheduleSync sync,
      @ConfigProperty(name = "agent-runtime.reconciler.grace") Duration grace) {
    this.schedules = schedules;
    this.sync = sync;
    this.grace = grace;
  }

  @Scheduled(
      identity = "schedule-reconciler",
      every = "${agent-runtime.reconciler.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      int applied = reconcile(grace);
      if (applied > 0) {
        LOG.infof("reconciler applied %d schedules to Temporal", applied);
      }
    } catch (RuntimeException e) {
      LOG.warnf("schedule reconciler pass failed: %s", LogSafe.escape(e.toString()));
    }
  }

  /**
   * One pass over schedules unapplied for longer than {@code olderThan}; stops at the first that
   * fails (Temporal is most likely down).
   *
   * @return how many were applied
   */
  public int reconcile(Duration olderThan) {
    List<StoredSchedule> due =
        QuarkusTransaction.requiringNew().call(() -> schedules.unapplied(olderThan, BATCH));
    int applied = 0;
    for (StoredSchedule schedule : due) {
      sync.apply(schedule);
      applied++;
    }
    return applied;
  }
}
