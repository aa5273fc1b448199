package dev.agentruntime.api.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.agent.AgentEntity;
import dev.agentruntime.api.agent.AgentRepository;
import dev.agentruntime.api.agent.AgentVersionRepository;
import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.TemporalUnavailable;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.run.SlotWakeups;
import dev.agentruntime.core.log.LogSafe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A tenant's schedules. Persist-then-act: every change is committed to the row first (its
 * generation bumped), then Temporal is brought to it ({@link ScheduleSync}); if Temporal cannot be
 * reached the change stands and {@link ScheduleReconciler} applies it later. Pause, unpause,
 * trigger and backfill act on Temporal's own state and need Temporal now.
 */
@ApplicationScoped
public class ScheduleService {

  private static final Logger LOG = Logger.getLogger(ScheduleService.class);

  /** A backfill longer than this is refused: it would start a run per fire at once. */
  static final Duration MAX_BACKFILL = Duration.ofDays(31);

  private final ScheduleRepository schedules;
  private final ScheduleSync sync;
  private final AgentRepository agents;
  private final AgentVersionRepository versions;
  private final SlotWakeups wakeups;
  private final ObjectMapper json;

  ScheduleService(
      ScheduleRepository schedules,
      ScheduleSync sync,
      AgentRepository agents,
      AgentVersionRepository versions,
      SlotWakeups wakeups,
      ObjectMapper json) {
    this.schedules = schedules;
    this.sync = sync;
    this.agents = agents;
    this.versions = versions;
    this.wakeups = wakeups;
    this.json = json;
  }

  public ScheduleResponse create(String tenantId, CreateScheduleRequest request, String actor) {
    ScheduleSettings settings =
        ScheduleSettings.checked(
            request.version(),
            request.input(),
            request.timing(),
            request.overlap(),
            request.maxConcurrentRuns(),
            request.catchupWindowSeconds() == null
                ? CreateScheduleRequest.DEFAULT_CATCHUP_WINDOW_SECONDS
                : request.catchupWindowSeconds(),
            Boolean.TRUE.equals(request.pauseOnFailure()));
    requireAgent(tenantId, request.agentName(), settings.version());
    StoredSchedule stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    schedules.insert(
                        tenantId,
                        UUID.randomUUID(),
                        request.name(),
                        request.agentName(),
                        settings,
                        actor))
            .orElseThrow(
                () ->
                    new AlreadyExists(
                        "Schedule '" + request.name() + "' already exists", "/v1/schedules"));
    applyOrLeave(stored);
    return get(tenantId, stored.id(), 3);
  }

  /**
   * Changes what {@code change} gives, checked as a creation is; the change is committed (the
   * generation bumped) and then applied to Temporal like a creation, or later by the reconciler.
   * Temporal's pause state and note stay. A raised cap wakes the runs waiting on it at once.
   */
  public ScheduleResponse update(String tenantId, UUID id, UpdateScheduleRequest change) {
    StoredSchedule current = find(tenantId, id);
    ScheduleSettings changed = settings(current).with(change);
    if (change.version() != null) {
      requireAgent(tenantId, current.agentName(), changed.version());
    }
    StoredSchedule stored =
        QuarkusTransaction.requiringNew()
            .call(() -> schedules.update(tenantId, id, changed))
            .orElseThrow(() -> notFound(id));
    applyOrLeave(stored);
    if (stored.capRaisedFrom(current)) {
      wakeups.wake(tenantId);
    }
    return get(tenantId, id);
  }

  /** The schedule with Temporal's state of it (paused, note, next fires), when reachable. */
  public ScheduleResponse get(String tenantId, UUID id) {
    return get(tenantId, id, 1);
  }

  /** As {@link #get}, asking Temporal up to {@code attempts} times ({@link ScheduleSync}). */
  private ScheduleResponse get(String tenantId, UUID id, int attempts) {
    StoredSchedule stored = find(tenantId, id);
    ScheduleResponse.State state = null;
    if (stored.appliedGeneration() > 0) {
      try {
        state = state(sync.describe(tenantId, id, attempts));
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        LOG.warnf(
            "schedule %s: Temporal's state not read: %s (%s)",
            id, LogSafe.escape(e.toString()), LogSafe.escape(cause.toString()));
      }
    }
    return response(stored, state);
  }

  /**
   * A page of the tenant's schedules by name, from PostgreSQL alone (Temporal's state is read per
   * schedule).
   *
   * @param cursor the previous page's {@code nextCursor}, or null for the first page
   */
  public SchedulePageResponse list(String tenantId, String cursor, int limit) {
    List<StoredSchedule> page =
        schedules.list(tenantId, cursor == null ? null : ScheduleCursor.name(cursor), limit + 1);
    List<ScheduleResponse> items = page.stream().limit(limit).map(s -> response(s, null)).toList();
    return new SchedulePageResponse(
        items, page.size() > limit ? ScheduleCursor.after(items.getLast().name()) : null);
  }

  /**
   * The schedule's next {@code count} fire times as Temporal computes them (time zone, start, end
   * and jitter included); needs Temporal now.
   */
  public List<Instant> nextFires(String tenantId, UUID id, int count) {
    List<Instant> times = new ArrayList<>();
    act(tenantId, id, "read", h -> times.addAll(h.describe().getInfo().getNextActionTimes()));
    return times.stream().limit(count).toList();
  }

  /** Deletes the schedule: marked at once (404 from now on), removed once Temporal's is gone. */
  public void delete(String tenantId, UUID id) {
    StoredSchedule stored = find(tenantId, id);
    if (!QuarkusTransaction.requiringNew().call(() -> schedules.markDeleted(tenantId, id))) {
      throw notFound(id);
    }
    applyOrLeave(stored.markedDeleted());
  }

  public ScheduleResponse pause(String tenantId, UUID id, String note) {
    act(tenantId, id, "paused", h -> h.pause(note == null ? "" : note));
    return get(tenantId, id);
  }

  public ScheduleResponse unpause(String tenantId, UUID id, String note) {
    act(tenantId, id, "unpaused", h -> h.unpause(note == null ? "" : note));
    return get(tenantId, id);
  }

  /** Fires now, under the schedule's own overlap policy (a skip schedule skips while busy). */
  public void trigger(String tenantId, UUID id) {
    StoredSchedule stored = find(tenantId, id);
    act(tenantId, id, "triggered", h -> h.trigger(stored.overlap().temporal()));
  }

  /**
   * Fires every time of the schedule in {@code [startAt, endAt]} (the run of each carries that
   * time). Runs one after another unless the schedule allows all at once: a backfill under skip
   * would drop most of its own fires. Under allow-up-to all start too, and the schedule's cap
   * queues those beyond it.
   */
  public void backfill(String tenantId, UUID id, Instant startAt, Instant endAt) {
    if (!startAt.isBefore(endAt) || Duration.between(startAt, endAt).compareTo(MAX_BACKFILL) > 0) {
      throw new InvalidRequest(
          "A backfill's range must be non-empty and at most 31 days",
          List.of(new Violation("endAt", "must be after startAt, by at most 31 days")));
    }
    StoredSchedule stored = find(tenantId, id);
    ScheduleOverlapPolicy policy =
        stored.overlap().temporal() == ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL
            ? ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL
            : ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL;
    act(
        tenantId,
        id,
        "backfilled",
        h -> h.backfill(List.of(new ScheduleBackfill(startAt, endAt, policy))));
  }

  private void act(String tenantId, UUID id, String action, Consumer<ScheduleHandle> call) {
    StoredSchedule stored = find(tenantId, id);
    try {
      if (stored.appliedGeneration() < stored.generation()) {
        sync.apply(stored);
      }
      call.accept(sync.handle(tenantId, id));
    } catch (RuntimeException e) {
      throw new TemporalUnavailable("schedule", action, e);
    }
  }

  /**
   * 404 unless the tenant has the agent, and the version when one is pinned: a fire of a missing
   * version would fail at every fire instead.
   */
  private void requireAgent(String tenantId, String agentName, Integer version) {
    AgentEntity agent =
        agents
            .findByName(tenantId, agentName)
            .orElseThrow(() -> new NotFound("Agent '" + agentName + "'"));
    if (version != null && versions.findVersion(tenantId, agent.id, version).isEmpty()) {
      throw new NotFound("Version " + version + " of agent '" + agentName + "'");
    }
  }

  private void applyOrLeave(StoredSchedule stored) {
    try {
      sync.apply(stored);
    } catch (RuntimeException e) {
      LOG.warnf(
          "schedule %s committed, Temporal not reached; the reconciler applies it: %s",
          stored.id(), LogSafe.escape(e.toString()));
    }
  }

  private StoredSchedule find(String tenantId, UUID id) {
    return QuarkusTransaction.joiningExisting()
        .call(() -> schedules.find(tenantId, id))
        .orElseThrow(() -> notFound(id));
  }

  private static ScheduleResponse.State state(ScheduleDescription description) {
    return new ScheduleResponse.State(
        description.getSchedule().getState().isPaused(),
        description.getSchedule().getState().getNote(),
        description.getInfo().getNextActionTimes(),
        description.getInfo().getNumActions(),
        description.getInfo().getNumActionsMissedCatchupWindow());
  }

  private ScheduleResponse response(StoredSchedule s, ScheduleResponse.State state) {
    try {
      return new ScheduleResponse(
          s.id(),
          s.name(),
          s.agentName(),
          s.version(),
          json.readTree(s.inputJson()),
          s.timing(),
          s.overlap().wireName(),
          s.maxConcurrentRuns(),
          s.catchupWindowSeconds(),
          s.pauseOnFailure(),
          s.appliedGeneration() >= s.generation(),
          state,
          s.createdAt(),
          s.createdBy());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored input is not JSON", e);
    }
  }

  private ScheduleSettings settings(StoredSchedule s) {
    try {
      return new ScheduleSettings(
          s.version(),
          json.readTree(s.inputJson()),
          s.timing(),
          s.overlap(),
          s.maxConcurrentRuns(),
          s.catchupWindowSeconds(),
          s.pauseOnFailure());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored input is not JSON", e);
    }
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("Schedule " + id);
  }
}
