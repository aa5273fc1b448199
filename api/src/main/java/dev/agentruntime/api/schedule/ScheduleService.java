package dev.agentruntime.api.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.agent.AgentRepository;
import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.TemporalUnavailable;
import dev.agentruntime.api.problem.Violation;
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
  private final ObjectMapper json;

  ScheduleService(
      ScheduleRepository schedules, ScheduleSync sync, AgentRepository agents, ObjectMapper json) {
    this.schedules = schedules;
    this.sync = sync;
    this.agents = agents;
    this.json = json;
  }

  public ScheduleResponse create(String tenantId, CreateScheduleRequest request, String actor) {
    List<Violation> violations = new ArrayList<>(request.timing().violations("timing"));
    ScheduleOverlap overlap =
        request.overlap() == null
            ? ScheduleOverlap.SKIP
            : ScheduleOverlap.fromWireName(request.overlap()).orElse(null);
    if (overlap == null) {
      violations.add(new Violation("overlap", "must be " + ScheduleOverlap.WIRE_NAMES));
    }
    if (!request.input().isObject()) {
      violations.add(new Violation("input", "must be a JSON object"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequest("The schedule is not valid", violations);
    }
    if (agents.findByName(tenantId, request.agentName()).isEmpty()) {
      throw new NotFound("Agent '" + request.agentName() + "'");
    }
    int catchup =
        request.catchupWindowSeconds() == null
            ? CreateScheduleRequest.DEFAULT_CATCHUP_WINDOW_SECONDS
            : request.catchupWindowSeconds();
    StoredSchedule stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    schedules.insert(
                        tenantId,
                        UUID.randomUUID(),
                        request,
                        write(request),
                        overlap,
                        catchup,
                        actor))
            .orElseThrow(
                () ->
                    new AlreadyExists(
                        "Schedule '" + request.name() + "' already exists", "/v1/schedules"));
    applyOrLeave(stored);
    return get(tenantId, stored.id());
  }

  /** The schedule with Temporal's state of it (paused, note, next fires), when reachable. */
  public ScheduleResponse get(String tenantId, UUID id) {
    StoredSchedule stored = find(tenantId, id);
    ScheduleResponse.State state = null;
    if (stored.appliedGeneration() > 0) {
      try {
        state = state(sync.handle(tenantId, id).describe());
      } catch (RuntimeException e) {
        LOG.warnf("schedule %s: Temporal's state not read: %s", id, LogSafe.escape(e.toString()));
      }
    }
    return response(stored, state);
  }

  /** The tenant's schedules, from PostgreSQL alone (Temporal's state is per schedule). */
  public List<ScheduleResponse> list(String tenantId) {
    return schedules.list(tenantId).stream().map(s -> response(s, null)).toList();
  }

  /** Deletes the schedule: marked at once (404 from now on), removed once Temporal's is gone. */
  public void delete(String tenantId, UUID id) {
    StoredSchedule stored = find(tenantId, id);
    if (!QuarkusTransaction.requiringNew().call(() -> schedules.markDeleted(tenantId, id))) {
      throw notFound(id);
    }
    applyOrLeave(
        new StoredSchedule(
            stored.tenantId(),
            stored.id(),
            stored.name(),
            stored.agentName(),
            stored.version(),
            stored.inputJson(),
            stored.timing(),
            stored.overlap(),
            stored.catchupWindowSeconds(),
            stored.pauseOnFailure(),
            stored.generation(),
            stored.appliedGeneration(),
            true,
            stored.createdAt(),
            stored.createdBy()));
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
   * would drop most of its own fires.
   */
  public void backfill(String tenantId, UUID id, Instant startAt, Instant endAt) {
    if (!startAt.isBefore(endAt) || Duration.between(startAt, endAt).compareTo(MAX_BACKFILL) > 0) {
      throw new InvalidRequest(
          "A backfill's range must be non-empty and at most 31 days",
          List.of(new Violation("endAt", "must be after startAt, by at most 31 days")));
    }
    StoredSchedule stored = find(tenantId, id);
    ScheduleOverlapPolicy policy =
        stored.overlap() == ScheduleOverlap.ALLOW_ALL
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

  private String write(CreateScheduleRequest request) {
    try {
      return json.writeValueAsString(request.input());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed input is not writable", e);
    }
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("Schedule " + id);
  }
}
