package dev.agentruntime.api.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.agent.AgentEntity;
import dev.agentruntime.api.agent.AgentRepository;
import dev.agentruntime.api.error.BudgetExhausted;
import dev.agentruntime.api.error.IdempotencyKeyReused;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.TenantSuspended;
import dev.agentruntime.api.limits.RunAdmissionLimiter;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.run.RunSource;
import dev.agentruntime.core.run.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Admits runs of a tenant from the API: checks the request's shape, takes an admission permit,
 * admits the run through the one admission path ({@link RunAdmissions}: the rules every origin
 * shares, committed when it returns), and only then starts the workflow. A run that was accepted is
 * in the database, and if the start fails the reconciler starts it later. Callers need no HTTP:
 * refusals are domain exceptions.
 */
@ApplicationScoped
public class RunAdmissionService {

  private final RunRepository runs;
  private final AgentRepository agents;
  private final RunAdmissions admissions;
  private final RunDispatcher dispatcher;
  private final RunAdmissionLimiter limiter;
  private final RunQueryService queries;
  private final ObjectMapper json;

  public RunAdmissionService(
      RunRepository runs,
      AgentRepository agents,
      RunAdmissions admissions,
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
   * Accepts a run request from the API. With an idempotency key, a repeated request answers the run
   * the first one created; the same key with another body is refused ({@link
   * IdempotencyKeyReused}).
   *
   * @param actor who starts the run, recorded as its author (a replay answers the run with the
   *     author it has)
   */
  public AdmittedRun admit(
      String tenantId, String idempotencyKey, CreateRunRequest request, String actor) {
    return admit(tenantId, idempotencyKey, request, actor, RunOrigin.API);
  }

  /**
   * Admits a run for a signed inbound trigger's delivery, by the same rules as {@link #admit}
   * (shape, admission rate, idempotency). The caller derives the key from the trigger and the
   * delivery, so a retried delivery answers the run the first one admitted.
   *
   * @param actor the trigger, as {@code trigger <id>}
   */
  public AdmittedRun admitFromTrigger(
      String tenantId, String idempotencyKey, CreateRunRequest request, String actor) {
    return admit(tenantId, idempotencyKey, request, actor, RunOrigin.TRIGGER);
  }

  private AdmittedRun admit(
      String tenantId,
      String idempotencyKey,
      CreateRunRequest request,
      String actor,
      RunOrigin origin) {
    checkShape(request);
    String input = writeJson(request.input());
    return admit(
        request(tenantId, idempotencyKey, request, input, actor, origin),
        () -> notFound(tenantId, request));
  }

  /**
   * Admits a run whose request another path built (a replay of a run's input), by the same rules as
   * {@link #admit(String, String, CreateRunRequest, String)}: the admission rate, the idempotency
   * key, the dispatch.
   *
   * @param notFound the refusal when the database finds no such agent, version, alias or source;
   *     only a refusal pays for the reads that say which
   */
  public AdmittedRun admit(AdmissionRequest request, Supplier<NotFound> notFound) {
    String tenantId = request.tenantId();
    String idempotencyKey = request.idempotencyKey();
    // A replay admits nothing new, so it does not spend the tenant's admission rate.
    if (idempotencyKey == null || !runs.hasIdempotencyKey(tenantId, idempotencyKey)) {
      limiter.admit(tenantId);
    }
    return switch (admissions.admit(request)) {
      case Admission.Admitted admitted -> {
        dispatcher.dispatch(admitted.run());
        yield new AdmittedRun(response(admitted, request), true);
      }
      case Admission.Replayed replayed -> {
        if (!replayed.dispatched()) {
          // The first attempt may have lost its start; trying again is harmless (same workflow
          // id).
          dispatcher.dispatch(replayed.run());
        }
        yield new AdmittedRun(queries.get(tenantId, replayed.run().runId()), false);
      }
      case Admission.KeyReused reused -> throw new IdempotencyKeyReused(idempotencyKey);
      case Admission.NotFound nf -> throw notFound.get();
      case Admission.TenantSuspended suspended -> throw new TenantSuspended(tenantId);
      case Admission.OverBudget over -> throw new BudgetExhausted(tenantId, over.budget());
    };
  }

  /** Persists a queued run without starting it; for the reconciler's tests. */
  public QueuedRun persistQueued(
      String tenantId, String idempotencyKey, CreateRunRequest request, String actor) {
    Admission admission =
        admissions.admit(
            request(
                tenantId,
                idempotencyKey,
                request,
                writeJson(request.input()),
                actor,
                RunOrigin.API));
    if (admission instanceof Admission.Admitted admitted) {
      return admitted.run();
    }
    throw new IllegalStateException("run was not admitted: " + admission);
  }

  private static AdmissionRequest request(
      String tenantId,
      String idempotencyKey,
      CreateRunRequest request,
      String input,
      String actor,
      RunOrigin origin) {
    return new AdmissionRequest(
            tenantId,
            UUID.randomUUID(),
            request.agentId(),
            request.agentName(),
            request.version(),
            input,
            idempotencyKey,
            RunRequestHash.of(request),
            origin,
            actor)
        .withAlias(request.alias(), request.routingKey());
  }

  /** The response of a run just admitted, from what was written (no second read). */
  private RunResponse response(Admission.Admitted admitted, AdmissionRequest request) {
    QueuedRun queued = admitted.run();
    RunEntity run = new RunEntity();
    run.id = queued.runId();
    run.tenantId = queued.tenantId();
    run.agentId = queued.agentId();
    run.agentVersionId = queued.agentVersionId();
    run.workflowId = queued.workflowId();
    run.status = RunStatus.QUEUED.wireName();
    run.input = request.inputJson();
    run.createdAt = admitted.createdAt();
    run.createdBy = request.createdBy();
    run.origin = request.origin().wireName();
    run.aliasName = request.alias();
    run.routingKey = request.routingKey();
    RunSource source = request.source();
    if (source != null) {
      run.sourceRunId = source.runId();
      run.sourceKind = source.kind().wireName();
      run.forkStep = source.forkStep();
    }
    // The entity is never persisted: it only carries what was written into the response.
    return queries.toResponse(
        new RunRepository.RunView(run, queued.agentName(), queued.agentVersion()));
  }

  /** Says which of the two was missing; only refusals pay for these reads. */
  private NotFound notFound(String tenantId, CreateRunRequest request) {
    AgentEntity agent = resolveAgent(tenantId, request);
    if (request.alias() != null) {
      return new NotFound("Alias '" + request.alias() + "' of agent '" + agent.name + "'");
    }
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
    if (request.alias() != null && request.version() != null) {
      throw new InvalidRequest(
          "A run names a version or an alias, not both",
          List.of(new Violation("alias", "must be absent when version is given")));
    }
    if (request.routingKey() != null && request.alias() == null) {
      throw new InvalidRequest(
          "A routing key chooses within an alias's split",
          List.of(new Violation("routingKey", "requires alias")));
    }
    if (!request.input().isObject()) {
      throw new InvalidRequest(
          "The input must be a JSON object",
          List.of(new Violation("input", "must be a JSON object")));
    }
  }
}
