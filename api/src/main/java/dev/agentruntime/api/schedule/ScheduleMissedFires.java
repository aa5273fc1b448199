package dev.agentruntime.api.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.schedule.ScheduleEventRepository.MissedCheck;
import dev.agentruntime.api.temporal.TemporalNotFound;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.core.schedule.FiresMissed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns a missed fire into an event on the schedule (docs/api.md#schedules): Temporal only counts
 * the fires it found later than the catchup window, so this watcher reads each schedule's count,
 * the longest unchecked first and a bounded batch per pass, and records every growth as one {@code
 * schedule.fires_missed} event (which webhooks may receive). The seen count moves with the event,
 * conditional on its old value, so replicas and restarts record each growth once.
 */
@ApplicationScoped
public class ScheduleMissedFires {

  private static final Logger LOG = Logger.getLogger(ScheduleMissedFires.class);

  private final ScheduleEventRepository events;
  private final ScheduleSync sync;
  private final ObjectMapper json;
  private final int batch;

  ScheduleMissedFires(
      ScheduleEventRepository events,
      ScheduleSync sync,
      ObjectMapper json,
      @ConfigProperty(name = "agent-runtime.schedules.missed-fires.batch") int batch) {
    this.events = events;
    this.sync = sync;
    this.json = json;
    this.batch = batch;
  }

  @Scheduled(
      identity = "schedule-missed-fires",
      every = "${agent-runtime.schedules.missed-fires.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      int recorded = watch();
      if (recorded > 0) {
        LOG.infof("recorded missed fires of %d schedules", recorded);
      }
    } catch (RuntimeException e) {
      LOG.warnf("missed-fire watch failed: %s", LogSafe.escape(e.toString()));
    }
  }

  /**
   * One pass over up to the batch of schedules, with Temporal's count of each. A schedule whose
   * count cannot be read is still marked checked (to the back of the queue, so it never holds up
   * the others); any failure but a schedule Temporal does not have ends the pass, since Temporal is
   * most likely down.
   *
   * @return how many growths were recorded as events
   */
  public int watch() {
    List<MissedCheck> due = QuarkusTransaction.requiringNew().call(() -> events.toCheck(batch));
    int recorded = 0;
    for (MissedCheck schedule : due) {
      long total;
      try {
        total =
            sync.handle(schedule.tenantId(), schedule.id())
                .describe()
                .getInfo()
                .getNumActionsMissedCatchupWindow();
      } catch (RuntimeException e) {
        QuarkusTransaction.requiringNew()
            .run(() -> events.checked(schedule.tenantId(), schedule.id()));
        if (TemporalNotFound.is(e)) {
          continue;
        }
        throw e;
      }
      if (record(schedule, total)) {
        recorded++;
      }
    }
    return recorded;
  }

  private boolean record(MissedCheck schedule, long total) {
    if (total == schedule.seen()) {
      QuarkusTransaction.requiringNew()
          .run(() -> events.checked(schedule.tenantId(), schedule.id()));
      return false;
    }
    // A count below the one seen: Temporal's schedule was made again; only the base moves.
    String payload =
        total > schedule.seen()
            ? write(new FiresMissed(schedule.name(), total - schedule.seen(), total, Instant.now()))
            : "{}";
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                events.recordMissed(
                    schedule.tenantId(), schedule.id(), schedule.seen(), total, payload))
        .isPresent();
  }

  private String write(FiresMissed event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a missed-fires event is not writable", e);
    }
  }
}
