package dev.agentruntime.api.schedule;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Schedules (V13), with native SQL. Tenant-first, except {@link #lockUnapplied}: the reconciler
 * acts for every tenant and nothing a client sends reaches it. A schedule marked deleted is not the
 * tenant's any more (404) but stays until Temporal's schedule is gone.
 */
@ApplicationScoped
class ScheduleRepository {

  static final String NAME_REGEX = "^[A-Za-z][A-Za-z0-9_.-]{0,62}$";

  private static final String COLUMNS =
      "tenant_id, id, name, agent_name, agent_version, input::text, timing::text, overlap,"
          + " max_concurrent_runs, catchup_window_seconds, pause_on_failure, generation, applied_generation,"
          + " deleted_at is not null, created_at, created_by";

  private final ObjectMapper json;

  ScheduleRepository(ObjectMapper json) {
    this.json = json;
  }

  /** Stores a new schedule (generation 1, not yet applied); empty when the tenant has the name. */
  Optional<StoredSchedule> insert(
      String tenantId,
      UUID id,
      String name,
      String agentName,
      ScheduleSettings settings,
      String actor) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "insert into schedule (id, tenant_id, name, agent_name, agent_version, input,"
                    + " timing, overlap, catchup_window_seconds, pause_on_failure, created_by,"
                    + " max_concurrent_runs) values (?1, ?2, ?3, ?4, nullif(?5, 0),"
                    + " cast(?6 as jsonb), cast(?7 as jsonb), ?8, ?9, ?10, ?11, nullif(?12, 0))"
                    + " on conflict (tenant_id, name) do nothing returning "
                    + COLUMNS)
            .setParameter(1, id)
            .setParameter(2, tenantId)
            .setParameter(3, name)
            .setParameter(4, agentName)
            .setParameter(5, zeroForNone(settings.version()))
            .setParameter(6, write(settings.input()))
            .setParameter(7, write(settings.timing()))
            .setParameter(8, settings.overlap().wireName())
            .setParameter(9, settings.catchupWindowSeconds())
            .setParameter(10, settings.pauseOnFailure())
            .setParameter(11, actor)
            .setParameter(12, zeroForNone(settings.maxConcurrentRuns()))
            .getResultList();
    return rows.stream().findFirst().map(this::stored);
  }

  /**
   * Replaces a live schedule's settings and bumps its generation, so Temporal is brought to it
   * (now, or by the reconciler); empty when the tenant has no such live schedule.
   */
  Optional<StoredSchedule> update(String tenantId, UUID id, ScheduleSettings settings) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "update schedule set agent_version = nullif(?3, 0), input = cast(?4 as jsonb),"
                    + " timing = cast(?5 as jsonb), overlap = ?6, catchup_window_seconds = ?7,"
                    + " pause_on_failure = ?8, max_concurrent_runs = nullif(?9, 0),"
                    + " generation = generation + 1, updated_at = now()"
                    + " where tenant_id = ?1 and id = ?2 and deleted_at is null returning "
                    + COLUMNS)
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .setParameter(3, zeroForNone(settings.version()))
            .setParameter(4, write(settings.input()))
            .setParameter(5, write(settings.timing()))
            .setParameter(6, settings.overlap().wireName())
            .setParameter(7, settings.catchupWindowSeconds())
            .setParameter(8, settings.pauseOnFailure())
            .setParameter(9, zeroForNone(settings.maxConcurrentRuns()))
            .getResultList();
    return rows.stream().findFirst().map(this::stored);
  }

  Optional<StoredSchedule> find(String tenantId, UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select "
                    + COLUMNS
                    + " from schedule where tenant_id = ?1 and id = ?2 and deleted_at is null")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .getResultList();
    return rows.stream().findFirst().map(this::stored);
  }

  /**
   * Up to {@code limit} of the tenant's live schedules by name (byte order), those after {@code
   * afterName} when it is given: a page of a listing.
   */
  List<StoredSchedule> list(String tenantId, String afterName, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select "
                    + COLUMNS
                    + " from schedule where tenant_id = ?1 and deleted_at is null"
                    + " and name collate \"C\" > ?2 order by name collate \"C\" limit ?3")
            .setParameter(1, tenantId)
            .setParameter(2, afterName == null ? "" : afterName)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream().map(this::stored).toList();
  }

  /** Records that Temporal holds {@code generation}; a later change keeps its own lag. */
  void markApplied(String tenantId, UUID id, long generation) {
    em().createNativeQuery(
            "update schedule set applied_generation = greatest(applied_generation, ?3)"
                + " where tenant_id = ?1 and id = ?2 and generation >= ?3")
        .setParameter(1, tenantId)
        .setParameter(2, id)
        .setParameter(3, generation)
        .executeUpdate();
  }

  /** Marks the schedule deleted; false when the tenant has no such (live) schedule. */
  boolean markDeleted(String tenantId, UUID id) {
    return em().createNativeQuery(
                "update schedule set deleted_at = now(), updated_at = now()"
                    + " where tenant_id = ?1 and id = ?2 and deleted_at is null")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .executeUpdate()
        > 0;
  }

  /** Removes a schedule marked deleted, once Temporal's is gone. */
  void remove(String tenantId, UUID id) {
    em().createNativeQuery(
            "delete from schedule where tenant_id = ?1 and id = ?2 and deleted_at is not null")
        .setParameter(1, tenantId)
        .setParameter(2, id)
        .executeUpdate();
  }

  /**
   * Up to {@code limit} schedules, of every tenant, that Temporal has not caught up with (a change
   * not applied, or a deletion not done) for longer than {@code grace}. Not locked: applying is
   * idempotent, so two API instances that pick the same row both bring Temporal to it.
   */
  List<StoredSchedule> unapplied(Duration grace, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select "
                    + COLUMNS
                    + " from schedule"
                    + " where (applied_generation < generation or deleted_at is not null)"
                    + " and updated_at <= now() - make_interval(secs => ?1)"
                    + " order by updated_at limit ?2")
            .setParameter(1, grace.toMillis() / 1000.0)
            .setParameter(2, limit)
            .getResultList();
    return rows.stream().map(this::stored).toList();
  }

  private StoredSchedule stored(Object[] row) {
    return new StoredSchedule(
        (String) row[0],
        (UUID) row[1],
        (String) row[2],
        (String) row[3],
        row[4] == null ? null : ((Number) row[4]).intValue(),
        (String) row[5],
        read((String) row[6]),
        ScheduleOverlap.fromWireName((String) row[7]).orElseThrow(),
        row[8] == null ? null : ((Number) row[8]).intValue(),
        ((Number) row[9]).intValue(),
        (Boolean) row[10],
        ((Number) row[11]).longValue(),
        ((Number) row[12]).longValue(),
        (Boolean) row[13],
        instant(row[14]),
        (String) row[15]);
  }

  /** 0 for none: a null of no known type would be bound as bytea. */
  private static int zeroForNone(Integer value) {
    return value == null ? 0 : value;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a schedule's input or timing is not writable", e);
    }
  }

  private ScheduleTiming read(String timing) {
    try {
      return json.readValue(timing, ScheduleTiming.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored schedule's timing is not readable", e);
    }
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
