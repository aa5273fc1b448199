package dev.agentruntime.api.run.fork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.api.error.BudgetExhausted;
import dev.agentruntime.api.error.ForkRefused;
import dev.agentruntime.api.error.IdempotencyKeyReused;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.TenantSuspended;
import dev.agentruntime.api.limits.RunAdmissionLimiter;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.run.AdmittedRun;
import dev.agentruntime.api.run.RunDispatcher;
import dev.agentruntime.api.run.RunQueryService;
import dev.agentruntime.api.run.RunRepository;
import dev.agentruntime.core.json.SortedKeysJson;
import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.run.RunSource;
import dev.agentruntime.core.run.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Forks a finished run of a tenant (docs/api.md, "Forking a run"): checks the source and the
 * request, then admits the fork through the one admission path ({@link RunAdmissions}) with its
 * source and fork point, and starts it as any run. Every refusal is raised before the admission,
 * which writes the run and its {@code run.queued} in one statement: a refused fork wrote nothing.
 */
@ApplicationScoped
public class RunForkService {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final RunForkRepository sources;
  private final RunRepository runs;
  private final RunAdmissions admissions;
  private final RunDispatcher dispatcher;
  private final RunAdmissionLimiter limiter;
  private final RunQueryService queries;
  private final ObjectMapper json;

  public RunForkService(
      RunForkRepository sources,
      RunRepository runs,
      RunAdmissions admissions,
      RunDispatcher dispatcher,
      RunAdmissionLimiter limiter,
      RunQueryService queries,
      ObjectMapper json) {
    this.sources = sources;
    this.runs = runs;
    this.admissions = admissions;
    this.dispatcher = dispatcher;
    this.limiter = limiter;
    this.queries = queries;
    this.json = json;
  }

  /**
   * Admits a fork of {@code sourceRunId}. With an idempotency key, a repeat of the same request
   * answers the fork the first one created; the same key with another request is refused.
   */
  public AdmittedRun fork(
      String tenantId,
      UUID sourceRunId,
      String idempotencyKey,
      ForkRunRequest request,
      String actor) {
    checkShape(request);
    RunForkRepository.Source source =
        sources.source(tenantId, sourceRunId).orElseThrow(() -> new NotFound("Run " + sourceRunId));
    check(tenantId, source, request);
    String input = writeJson(patchedInput(source, request.inputPatch()));
    if (idempotencyKey == null || !runs.hasIdempotencyKey(tenantId, idempotencyKey)) {
      limiter.admit(tenantId);
    }
    Integer version =
        request.alias() != null
            ? null
            : request.version() != null ? request.version() : source.agentVersion();
    AdmissionRequest admission =
        new AdmissionRequest(
                tenantId,
                UUID.randomUUID(),
                source.agentId(),
                null,
                version,
                input,
                idempotencyKey,
                requestHash(sourceRunId, request),
                RunOrigin.FORK,
                actor)
            .withSource(RunSource.fork(sourceRunId, request.fromStep()));
    if (request.alias() != null) {
      admission = admission.withAlias(request.alias(), request.routingKey());
    }
    return switch (admissions.admit(admission)) {
      case Admission.Admitted admitted -> {
        dispatcher.dispatch(admitted.run());
        yield new AdmittedRun(queries.get(tenantId, admitted.run().runId()), true);
      }
      case Admission.Replayed replayed -> {
        if (!replayed.dispatched()) {
          dispatcher.dispatch(replayed.run()); // harmless again: the workflow id is the same
        }
        yield new AdmittedRun(queries.get(tenantId, replayed.run().runId()), false);
      }
      case Admission.KeyReused reused -> throw new IdempotencyKeyReused(idempotencyKey);
      case Admission.NotFound notFound ->
          throw new NotFound(
              request.alias() != null
                  ? "Alias '" + request.alias() + "' of agent '" + source.agentName() + "'"
                  : "Version " + version + " of agent '" + source.agentName() + "'");
      case Admission.TenantSuspended suspended -> throw new TenantSuspended(tenantId);
      case Admission.OverBudget over -> throw new BudgetExhausted(tenantId, over.budget());
    };
  }

  /** The source must be finished, kept, not a pipeline, and have recorded the fork's step. */
  private void check(String tenantId, RunForkRepository.Source source, ForkRunRequest request) {
    RunStatus status = RunStatus.fromWireName(source.status());
    if (!status.isTerminal()) {
      throw new ForkRefused(
          ForkRefused.Reason.SOURCE_NOT_FINISHED,
          "Run "
              + source.runId()
              + " cannot be forked yet: its status is "
              + status.wireName()
              + "; only a run that has ended can be forked");
    }
    if (source.purging()) {
      throw new ForkRefused(
          ForkRefused.Reason.SOURCE_PURGED,
          "Run "
              + source.runId()
              + " is purged or being purged: its steps can no longer be reused");
    }
    if (source.pipeline()) {
      throw pipeline("run " + source.runId() + " is a run of a pipeline version");
    }
    int fromStep = request.fromStep();
    if (fromStep < 1 || (fromStep > 1 && fromStep > source.steps())) {
      String rule =
          source.steps() <= 1
              ? "must be 1: the source recorded " + source.steps() + " step(s)"
              : "must be between 1 and " + source.steps() + ", the steps the source recorded";
      throw new ForkRefused(
          ForkRefused.Reason.STEP_OUT_OF_RANGE,
          "fromStep " + rule,
          List.of(new Violation("fromStep", rule)));
    }
    if (request.version() != null
        && sources
            .isPipeline(tenantId, source.agentId(), request.version())
            .orElseThrow(
                () ->
                    new NotFound(
                        "Version "
                            + request.version()
                            + " of agent '"
                            + source.agentName()
                            + "'"))) {
      throw pipeline("version " + request.version() + " is a pipeline");
    }
  }

  private static ForkRefused pipeline(String why) {
    String detail = "A pipeline cannot be forked (its steps are child runs): " + why;
    return new ForkRefused(
        ForkRefused.Reason.PIPELINE, detail, List.of(new Violation("runId", detail)));
  }

  private JsonNode patchedInput(RunForkRepository.Source source, JsonNode patch) {
    JsonNode input = JsonMergePatch.apply(readJson(source.inputJson()), patch);
    if (!input.isObject()) {
      throw new ForkRefused(
          ForkRefused.Reason.INPUT_NOT_AN_OBJECT,
          "The input after inputPatch must be a JSON object",
          List.of(new Violation("inputPatch", "must leave the input a JSON object")));
    }
    return input;
  }

  private static void checkShape(ForkRunRequest request) {
    if (request.version() != null && request.alias() != null) {
      throw new ForkRefused(
          ForkRefused.Reason.CONFLICTING_FIELDS,
          "A fork names a version or an alias, not both",
          List.of(new Violation("alias", "must be absent when version is given")));
    }
    if (request.routingKey() != null && request.alias() == null) {
      throw new ForkRefused(
          ForkRefused.Reason.CONFLICTING_FIELDS,
          "A routing key chooses within an alias's split",
          List.of(new Violation("routingKey", "requires alias")));
    }
  }

  /** The fingerprint of the request: its source and its fields, whatever their order. */
  private static String requestHash(UUID sourceRunId, ForkRunRequest request) {
    ObjectNode fields = MAPPER.createObjectNode();
    fields.put("fork", sourceRunId.toString());
    fields.put("fromStep", request.fromStep());
    fields.put("version", request.version());
    fields.put("alias", request.alias());
    fields.put("routingKey", request.routingKey());
    fields.set("inputPatch", request.inputPatch());
    return SortedKeysJson.sha256Hex(fields);
  }

  private JsonNode readJson(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored input is not JSON", e);
    }
  }

  private String writeJson(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON input is not writable", e);
    }
  }
}
