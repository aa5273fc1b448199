package dev.agentruntime.api.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.run.approval.ApprovalRepository;
import dev.agentruntime.core.run.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads runs, their timelines and their artifacts, always within one tenant; writes nothing. */
@ApplicationScoped
public class RunQueryService {

  private static final int MAX_EVENTS = 1000;

  private final RunRepository runs;
  private final RunEventRepository events;
  private final ArtifactRepository artifacts;
  private final ApprovalRepository approvals;
  private final RunOutputs outputs;
  private final PendingControls controls;
  private final ObjectMapper json;

  public RunQueryService(
      RunRepository runs,
      RunEventRepository events,
      ArtifactRepository artifacts,
      ApprovalRepository approvals,
      RunOutputs outputs,
      PendingControls controls,
      ObjectMapper json) {
    this.runs = runs;
    this.events = events;
    this.artifacts = artifacts;
    this.approvals = approvals;
    this.outputs = outputs;
    this.controls = controls;
    this.json = json;
  }

  public RunResponse get(String tenantId, UUID runId) {
    return runs.findView(tenantId, runId)
        .map(
            view ->
                toResponse(
                    view,
                    outputs.withText(tenantId, runId).orElse(null),
                    controls.of(tenantId, List.of(view.run())).get(runId)))
        .map(run -> run.withApprovals(approvals.list(tenantId, runId)))
        .orElseThrow(() -> new NotFound("Run " + runId));
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
    // Outputs without their text: a page of runs costs one artifact query, no S3 request.
    Map<UUID, RunOutput> pageOutputs =
        outputs.withoutText(tenantId, page.stream().map(v -> v.run().id).toList());
    Map<UUID, ControlRequest> pageControls =
        controls.of(tenantId, page.stream().map(RunRepository.RunView::run).toList());
    return new RunPageResponse(
        page.stream()
            .map(v -> toResponse(v, pageOutputs.get(v.run().id), pageControls.get(v.run().id)))
            .toList(),
        next);
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

  private void requireRun(String tenantId, UUID runId) {
    if (!runs.exists(tenantId, runId)) {
      throw new NotFound("Run " + runId);
    }
  }

  /** The response of a run just written: it has no output and no control request yet. */
  RunResponse toResponse(RunRepository.RunView view) {
    return toResponse(view, null, null);
  }

  /** The response of a run as read; approvals are added only by {@link #get}. */
  private RunResponse toResponse(
      RunRepository.RunView view, RunOutput output, ControlRequest controlRequested) {
    RunEntity run = view.run();
    return new RunResponse(
        run.id,
        run.agentId,
        view.agentName(),
        run.agentVersionId,
        view.agentVersion(),
        run.aliasName,
        run.routingKey,
        run.status,
        run.statusReason,
        run.workflowId,
        readJson(run.input),
        run.steps,
        run.totalTokens,
        run.createdAt,
        run.createdBy,
        run.origin,
        RunSourceResponse.of(run.sourceRunId, run.sourceKind, run.forkStep),
        run.parentRunId,
        run.rootRunId,
        run.depth,
        run.scheduleId,
        run.scheduledAt,
        run.startedAt,
        run.finishedAt,
        output,
        controlRequested,
        RunStatus.QUEUED.wireName().equals(run.status)
            && run.parentRunId == null
            && run.slotGrantedAt == null,
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
