package dev.agentruntime.api.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.agent.AgentEntity;
import dev.agentruntime.api.agent.AgentRepository;
import dev.agentruntime.api.error.IdempotencyKeyReused;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.limits.RunAdmissionLimiter;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.RunWorkflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Admits runs of a tenant: checks the request, honours its idempotency key, takes an admission
 * permit, persists the run with its first event in one statement (committed when it returns), and
 * only then starts the workflow. A run that was accepted is in the database, and if the start fails
 * the reconciler starts it later. Callers need no HTTP: refusals are domain exceptions.
 */
@ApplicationScoped
public class RunAdmissionService {

  private final RunRepository runs;
  private final AgentRepository agents;
  private final AdmissionRepository admissions;
  private final RunDispatcher dispatcher;
  private final RunAdmissionLimiter limiter;
  private final RunQueryService queries;
  private final ObjectMapper json;

  public RunAdmissionService(
      RunRepository runs,
      AgentRepository agents,
      AdmissionRepository admissions,
      RunDispatcher dispatcher,
      RunAdmissionLimiter limiter,
      RunQueryService queries,
      ObjectMapper json) {
    this.runs = runs;
    this.agents = agents;
    this.admissions = admissions;
    this.dispatcher = dispatcher;
    this.limiter = limiter;
    this.queries = queries;
    this.json = json;
  }

  /**
   * Accepts a run request. With an idempotency key, a repeated request answers the run the first
   * one created; the same key with another body is refused ({@link IdempotencyKeyReused}).
   *
   * @param actor who starts the run, recorded as its author (a replay answers the run with the
   *     author it has)
   */
  public AdmittedRun admit(
      String tenantId, String idempotencyKey, CreateRunRequest request, String actor) {
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
      persisted = persist(tenantId, idempotencyKey, requestHash, request, actor);
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
    dispatcher.dispatch(persisted.queued());
    return new AdmittedRun(persisted.response(), true);
  }

  /** A run just written, and its response built from what was written (no second read). */
  private record PersistedRun(QueuedRun queued, RunResponse response) {}

  /** Persists a queued run without starting it; for the reconciler's tests. */
  public QueuedRun persistQueued(
      String tenantId,
      String idempotencyKey,
      String requestHash,
      CreateRunRequest request,
      String actor) {
    return persist(tenantId, idempotencyKey, requestHash, request, actor).queued();
  }

  /**
   * The persistence half of admission: resolves the agent and version in one read, then inserts the
   * queued run and its {@code run.queued} event in one statement, which commits on its own. The run
   * is not dispatched yet.
   */
  private PersistedRun persist(
      String tenantId,
      String idempotencyKey,
      String requestHash,
      CreateRunRequest request,
      String actor) {
    AdmissionRepository.PinnedVersion pinned =
        admissions
            .resolve(tenantId, request.agentId(), request.agentName(), request.version())
            .orElseThrow(() -> notFound(tenantId, request));
    RunEntity run = new RunEntity();
    run.id = UUID.randomUUID();
    run.tenantId = tenantId;
    run.agentId = pinned.agentId();
    run.agentVersionId = pinned.versionId();
    run.workflowId =
        RunWorkflows.workflowId(tenantId, pinned.agentName(), pinned.version(), run.id);
    run.status = RunStatus.QUEUED.wireName();
    run.input = writeJson(request.input());
    run.idempotencyKey = idempotencyKey;
    run.requestHash = requestHash;
    run.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    run.createdBy = actor;
    QueuedRun queued =
        new QueuedRun(
            tenantId,
            run.id,
            pinned.agentId(),
            pinned.agentName(),
            pinned.versionId(),
            pinned.version(),
            run.workflowId);
    admissions.insertQueued(
        tenantId, queued, run.input, idempotencyKey, requestHash, run.createdAt, run.createdBy);
    // The entity is never persisted: it only carries what was written into the response.
    return new PersistedRun(
        queued,
        queries.toResponse(new RunRepository.RunView(run, pinned.agentName(), pinned.version())));
  }

  /** Says which of the two was missing; only refusals pay for these reads. */
  private NotFound notFound(String tenantId, CreateRunRequest request) {
    AgentEntity agent = resolveAgent(tenantId, request);
    if (request.version() == null) {
      return new NotFound("A published version of agent '" + agent.name + "'");
    }
    return new NotFound("Version " + request.version() + " of agent '" + agent.name + "'");
  }

  private String writeJson(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON input is not writable", e);
    }
  }

  private Optional<AdmittedRun> replay(String tenantId, String idempotencyKey, String hash) {
    Optional<RunEntity> existing = runs.findByIdempotencyKey(tenantId, idempotencyKey);
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    RunEntity run = existing.get();
    if (!run.requestHash.equals(hash)) {
      throw new IdempotencyKeyReused(idempotencyKey);
    }
    if (run.dispatchedAt == null) {
      // The first attempt may have lost its start; trying again is harmless (same workflow id).
      runs.findView(tenantId, run.id)
          .ifPresent(
              view ->
                  dispatcher.dispatch(
                      new QueuedRun(
                          tenantId,
                          run.id,
                          run.agentId,
                          view.agentName(),
                          run.agentVersionId,
                          view.agentVersion(),
                          run.workflowId)));
    }
    return Optional.of(new AdmittedRun(queries.get(tenantId, run.id), false));
  }

  private AgentEntity resolveAgent(String tenantId, CreateRunRequest request) {
    if (request.agentId() != null) {
      return agents
          .findAgent(tenantId, request.agentId())
          .orElseThrow(() -> new NotFound("Agent " + request.agentId()));
    }
    return agents
        .findByName(tenantId, request.agentName())
        .orElseThrow(() -> new NotFound("Agent '" + request.agentName() + "'"));
  }

  private static void checkShape(CreateRunRequest request) {
    if ((request.agentId() == null) == (request.agentName() == null)) {
      throw new InvalidRequest(
          "Exactly one of agentId and agentName is required",
          List.of(new Violation("agentId", "exactly one of agentId and agentName is required")));
    }
    if (!request.input().isObject()) {
      throw new InvalidRequest(
          "The input must be a JSON object",
          List.of(new Violation("input", "must be a JSON object")));
    }
  }
}
