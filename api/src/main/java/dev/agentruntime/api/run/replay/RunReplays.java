package dev.agentruntime.api.run.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.RunPurged;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.run.AdmittedRun;
import dev.agentruntime.api.run.RunAdmissionService;
import dev.agentruntime.api.run.RunEntity;
import dev.agentruntime.api.run.RunRepository;
import dev.agentruntime.core.json.SortedKeysJson;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.run.RunSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Replays a run for evaluation: a new run of the same agent with the source run's exact input,
 * pinned to the version (or alias) asked for and linked to its source ({@code source.kind =
 * replay}). It is admitted through the one admission path like any run of {@code POST /v1/runs}
 * (rate, budget, idempotency, concurrency), so a replay is a run like the others, origin {@code
 * api}.
 *
 * <p>The source may be in any status: its input was fixed when it was admitted, so replaying a run
 * still running is as meaningful as replaying a finished one. A source whose retention purge has
 * begun is refused: a replay would carry its input past the retention its tenant set.
 */
@ApplicationScoped
public class RunReplays {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final RunRepository runs;
  private final RunAdmissionService admission;

  public RunReplays(RunRepository runs, RunAdmissionService admission) {
    this.runs = runs;
    this.admission = admission;
  }

  /**
   * Admits the replay of {@code sourceRunId}. With an idempotency key, a repeat answers the run the
   * first one created, even once the source has been purged since.
   */
  public AdmittedRun replay(
      String tenantId,
      UUID sourceRunId,
      String idempotencyKey,
      ReplayRunRequest request,
      String actor) {
    checkShape(request);
    RunRepository.RunView view =
        runs.findView(tenantId, sourceRunId).orElseThrow(() -> new NotFound("Run " + sourceRunId));
    RunEntity source = view.run();
    boolean repeat = idempotencyKey != null && runs.hasIdempotencyKey(tenantId, idempotencyKey);
    // A purge that begins after this read is harmless: it erases events and objects, never the
    // input the replay copies.
    if (source.purgeStartedAt != null && !repeat) {
      throw new RunPurged(
          sourceRunId, "its input is past its retention and is not run again (no replay)");
    }
    AdmissionRequest admit =
        new AdmissionRequest(
                tenantId,
                UUID.randomUUID(),
                source.agentId,
                null,
                request.version(),
                source.input,
                idempotencyKey,
                requestHash(sourceRunId, request),
                RunOrigin.API,
                actor)
            .withSource(RunSource.replay(sourceRunId));
    if (request.alias() != null) {
      admit = admit.withAlias(request.alias(), request.routingKey());
    }
    return admission.admit(admit, () -> notFound(view.agentName(), request));
  }

  /**
   * The fingerprint of a replay request: the source and the version asked for (the input is the
   * source's), under its own kind, so a key first used to start a run is refused for a replay.
   */
  static String requestHash(UUID sourceRunId, ReplayRunRequest request) {
    ObjectNode fields = MAPPER.createObjectNode();
    fields.put("kind", "replay");
    fields.put("sourceRunId", sourceRunId.toString());
    fields.put("version", request.version());
    fields.put("alias", request.alias());
    fields.put("routingKey", request.routingKey());
    return SortedKeysJson.sha256Hex(fields);
  }

  /** The source was read, so what the database did not find is the version or the alias. */
  private static NotFound notFound(String agentName, ReplayRunRequest request) {
    if (request.alias() != null) {
      return new NotFound("Alias '" + request.alias() + "' of agent '" + agentName + "'");
    }
    if (request.version() != null) {
      return new NotFound("Version " + request.version() + " of agent '" + agentName + "'");
    }
    return new NotFound("A published version of agent '" + agentName + "'");
  }

  private static void checkShape(ReplayRunRequest request) {
    if (request.alias() != null && request.version() != null) {
      throw new InvalidRequest(
          "A replay names a version or an alias, not both",
          List.of(new Violation("alias", "must be absent when version is given")));
    }
    if (request.routingKey() != null && request.alias() == null) {
      throw new InvalidRequest(
          "A routing key chooses within an alias's split: it needs alias",
          List.of(new Violation("routingKey", "needs alias")));
    }
  }
}
