package dev.agentruntime.api.schedule;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A schedule's timeline (V24) and the missed-fire watcher's bookkeeping on the schedule row.
 * Tenant-first, except {@link #toCheck}: the watcher acts for every tenant and nothing a client
 * sends reaches it.
 */
@ApplicationScoped
class ScheduleEventRepository {

  /** A live, applied schedule due for a look at its missed count, with the count last seen. */
  record MissedCheck(String tenantId, UUID id, String name, long seen) {}

  /** One stored event; its payload as stored JSON. */
  record StoredEvent(int seq, String type, String payloadJson, Instant createdAt) {}

  /**
   * Up to {@code limit} live schedules Temporal holds, of every tenant, the longest unchecked first
   * (never checked before all), so a pass bounded by the batch still reaches every schedule.
   */
  List<MissedCheck> toCheck(int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select tenant_id, id, name, missed_fires_seen from schedule"
                    + " where deleted_at is null and applied_generation > 0"
                    + " order by missed_checked_at nulls first, id limit ?1")
            .setParameter(1, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new MissedCheck(
                    (String) r[0], (UUID) r[1], (String) r[2], ((Number) r[3]).longValue()))
        .toList();
  }

  /** Records that the schedule was looked at and nothing grew. */
  void checked(String tenantId, UUID id) {
    em().createNativeQuery(
            "update schedule set missed_checked_at = now() where tenant_id = ?1 and id = ?2")
        .setParameter(1, tenantId)
        .setParameter(2, id)
        .executeUpdate();
  }

  /**
   * Moves the seen count from {@code seen} to {@code total} and, when it grew, appends the event,
   * in one statement (record_missed_fires): the seq of the event, or empty when the row was not at
   * {@code seen} any more (another replica recorded it first) or the count did not grow.
   */
  Optional<Integer> recordMissed(
      String tenantId, UUID id, long seen, long total, String payloadJson) {
    Object seq =
        em().createNativeQuery("select record_missed_fires(?1, ?2, ?3, ?4, cast(?5 as jsonb))")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .setParameter(3, seen)
            .setParameter(4, total)
            .setParameter(5, payloadJson)
            .getSingleResult();
    return Optional.ofNullable(seq).map(s -> ((Number) s).intValue());
  }

  /** Up to {@code limit} of the schedule's events after {@code afterSeq}, oldest first. */
  List<StoredEvent> list(String tenantId, UUID scheduleId, int afterSeq, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select seq, type, payload::text, created_at from schedule_event"
                    + " where tenant_id = ?1 and schedule_id = ?2 and seq > ?3"
                    + " order by seq limit ?4")
            .setParameter(1, tenantId)
            .setParameter(2, scheduleId)
            .setParameter(3, afterSeq)
            .setParameter(4, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new StoredEvent(
                    ((Number) r[0]).intValue(), (String) r[1], (String) r[2], instant(r[3])))
        .toList();
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
