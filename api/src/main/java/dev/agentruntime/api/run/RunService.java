package dev.agentruntime.api.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.agent.AgentEntity;
import dev.agentruntime.api.agent.AgentRepository;
import dev.agentruntime.api.agent.AgentVersionEntity;
import dev.agentruntime.api.agent.AgentVersionRepository;
import dev.agentruntime.api.limits.RunAdmissionLimiter;
import dev.agentruntime.api.problem.ProblemException;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.run.approval.ApprovalRepository;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Admits runs and reads them, always within one tenant. Admission persists the run and its first
 * event in one transaction, commits, and only then starts the workflow: a run that was accepted is
 * in the database, and if the start fails the reconciler starts it later.
 */
@ApplicationScoped
public class RunService {

  private static final Logger LOG = Logger.getLogger(RunService.class);
  private static final int MAX_EVENTS = 1000;

  private final RunRepository runs;
  private final RunEventRepository events;
  private final ArtifactRepository artifacts;
  private final AgentRepository agents;
  private final AgentVersionRepository versions;
  private final RunDispatcher dispatcher;
  private final DispatchStamps dispatchStamps;
  private final RunAdmissionLimiter limiter;
  private final ObjectMapper json;
  private final ApprovalRepository approvals;

  public RunService(
      RunRepository runs,
      RunEventRepository events,
      ArtifactRepository artifacts,
      AgentRepository agents,
      AgentVersionRepository versions,
      RunDispatcher dispatcher,
      DispatchStamps dispatchStamps,
      RunAdmissionLimiter limiter,
      ObjectMapper json,
      ApprovalRepository approvals) {
    this.approvals = approvals;
    this.runs = runs;
    this.events = events;
    this.artifacts = artifacts;
    this.agents = agents;
    this.versions = versions;
    this.dispatcher = dispatcher;
    this.dispatchStamps = dispatchStamps;
    this.limiter = limiter;
    this.json = json;
  }

  /**
   * Accepts a run request. With an idempotency key, a repeated request answers the run the first
   * one created; the same key with another body is refused (422).
   */
  public AdmittedRun admit(String tenantId, String idempotencyKey, CreateRunRequest request) {
    checkShape(request);
    String requestHash = RunRequestHash.of(request);
    if (idempotencyKey != null) {
      // A replay admits nothing new, so it does not spend the tenant's admission rate.
      Optional<AdmittedRun> replay = replay(tenantId, idempotencyKey, requestHash);
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    limiter.admit(tenantId);
    PersistedRun persisted;
    try {
      persisted = persist(tenantId, idempotencyKey, requestHash, request);
    } catch (PersistenceException e) {
      // A concurrent request with the same key committed first.
      if (idempotencyKey != null) {
        Optional<AdmittedRun> replay = replay(tenantId, idempotencyKey, requestHash);
        if (replay.isPresent()) {
          return replay.get();
        }
      }
      throw e;
    }
    dispatch(persisted.queued());
    return new AdmittedRun(persisted.response(), true);
  }

  /** A run just written, and its response built from what was written (no second read). */
  private record PersistedRun(QueuedRun queued, RunResponse response) {}

  /** Persists a queued run without starting it; for the reconciler's tests. */
  public QueuedRun persistQueued(
      String tenantId, String idempotencyKey, String requestHash, CreateRunRequest request) {
    return persist(tenantId, idempotencyKey, requestHash, request).queued();
  }

  /**
   * The persistence half of admission: inserts the queued run and its {@code run.queued} event in a
   * transaction of its own and commits. The run is not dispatched yet.
   */
  private PersistedRun persist(
      String tenantId, String idempotencyKey, String requestHash, CreateRunRequest request) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              AgentEntity agent = resolveAgent(tenantId, request);
              AgentVersionEntity version = resolveVersion(tenantId, agent, request.version());
              RunEntity run = new RunEntity();
              run.id = UUID.randomUUID();
              run.tenantId = tenantId;
              run.agentId = agent.id;
              run.agentVersionId = version.id;
              run.workflowId =
                  RunWorkflows.workflowId(tenantId, agent.name, version.version, run.id);
              run.status = RunStatus.QUEUED.wireName();
              run.input = json.writeValueAsString(request.input());
              run.idempotencyKey = idempotencyKey;
              run.requestHash = requestHash;
              run.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              runs.persistAndFlush(run);
              runs.appendEvent(
                  tenantId,
                  run.id,
                  "run/queued",
                  RunEventTypes.RUN_QUEUED,
                  json.writeValueAsString(
                      Map.of("agentName", agent.name, "agentVersion", version.version)));
              return new PersistedRun(
                  new QueuedRun(
                      tenantId,
                      run.id,
                      agent.id,
                      agent.name,
                      version.id,
                      version.version,
                      run.workflowId),
                  toResponse(new RunRepository.RunView(run, agent.name, version.version)));
            });
  }

  public RunResponse get(String tenantId, UUID runId) {
    return runs.findView(tenantId, runId)
        .map(this::toResponse)
        .map(run -> run.withApprovals(approvals.list(tenantId, runId)))
        .orElseThrow(() -> ProblemException.notFound("Run " + runId));
  }

  /**
   * A page of the tenant's runs matching {@code query}, after {@code cursor} when given. One row
   * more than the page is read, so the last page says so (a null cursor) instead of leading the
   * client to an empty one.
   */
  public RunPageResponse list(String tenantId, RunListQuery query, String cursor, int limit) {
    String fingerprint = query.fingerprint(tenantId);
    RunCursor after = cursor == null ? null : RunCursor.decode(cursor, fingerprint);
    List<RunRepository.RunView> views = runs.listViews(tenantId, query, after, limit + 1);
    List<RunRepository.RunView> page = views.subList(0, Math.min(limit, views.size()));
    String next = null;
    if (views.size() > limit) {
      RunEntity last = page.get(page.size() - 1).run();
      next = new RunCursor(last.createdAt, last.id).encode(fingerprint);
    }
    return new RunPageResponse(page.stream().map(this::toResponse).toList(), next);
  }

  public List<RunEventResponse> events(String tenantId, UUID runId, int afterSeq) {
    requireRun(tenantId, runId);
    return events.listAfter(tenantId, runId, afterSeq, MAX_EVENTS).stream()
        .map(e -> new RunEventResponse(e.seq, e.type, readJson(e.payload), e.createdAt))
        .toList();
  }

  public List<ArtifactResponse> artifacts(String tenantId, UUID runId) {
    requireRun(tenantId, runId);
    return artifacts.listForRun(tenantId, runId).stream().map(ArtifactResponse::of).toList();
  }

  private Optional<AdmittedRun> replay(String tenantId, String idempotencyKey, String hash) {
    Optional<RunEntity> existing = runs.findByIdempotencyKey(tenantId, idempotencyKey);
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    RunEntity run = existing.get();
    if (!run.requestHash.equals(hash)) {
      throw ProblemException.unprocessable(
          "idempotency-key-reused",
          "Idempotency key reused",
          "Idempotency-Key '" + idempotencyKey + "' was already used with a different request body",
          null);
    }
    if (run.dispatchedAt == null) {
      // The first attempt may have lost its start; trying again is harmless (same workflow id).
      runs.findView(tenantId, run.id)
          .ifPresent(
              view ->
                  dispatch(
                      new QueuedRun(
                          tenantId,
                          run.id,
                          run.agentId,
                          view.agentName(),
                          run.agentVersionId,
                          view.agentVersion(),
                          run.workflowId)));
    }
    return Optional.of(new AdmittedRun(get(tenantId, run.id), false));
  }

  private void dispatch(QueuedRun queued) {
    if (dispatcher.start(queued)) {
      dispatchStamps.add(queued.runId());
    }
  }

  private AgentEntity resolveAgent(String tenantId, CreateRunRequest request) {
    if (request.agentId() != null) {
      return agents
          .findAgent(tenantId, request.agentId())
          .orElseThrow(() -> ProblemException.notFound("Agent " + request.agentId()));
    }
    return agents
        .findByName(tenantId, request.agentName())
        .orElseThrow(() -> ProblemException.notFound("Agent '" + request.agentName() + "'"));
  }

  private AgentVersionEntity resolveVersion(String tenantId, AgentEntity agent, Integer version) {
    if (version == null) {
      return versions
          .findLatest(tenantId, agent.id)
          .orElseThrow(
              () -> ProblemException.notFound("A published version of agent '" + agent.name + "'"));
    }
    return versions
        .findVersion(tenantId, agent.id, version)
        .orElseThrow(
            () ->
                ProblemException.notFound("Version " + version + " of agent '" + agent.name + "'"));
  }

  private void requireRun(String tenantId, UUID runId) {
    if (!runs.exists(tenantId, runId)) {
      throw ProblemException.notFound("Run " + runId);
    }
  }

  private static void checkShape(CreateRunRequest request) {
    if ((request.agentId() == null) == (request.agentName() == null)) {
      throw ProblemException.badRequest(
          "Exactly one of agentId and agentName is required",
          List.of(new Violation("agentId", "exactly one of agentId and agentName is required")));
    }
    if (!request.input().isObject()) {
      throw ProblemException.badRequest(
          "The input must be a JSON object",
          List.of(new Violation("input", "must be a JSON object")));
    }
  }

  private RunResponse toResponse(RunRepository.RunView view) {
    RunEntity run = view.run();
    return new RunResponse(
        run.id,
        run.agentId,
        view.agentName(),
        run.agentVersionId,
        view.agentVersion(),
        run.status,
        run.statusReason,
        run.workflowId,
        readJson(run.input),
        run.steps,
        run.totalTokens,
        run.createdAt,
        run.startedAt,
        run.finishedAt,
        null);
  }

  private JsonNode readJson(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not readable", e);
    }
  }
}
