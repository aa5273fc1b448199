package dev.agentruntime.api.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.run.approval.ApprovalResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run as the API shows it. */
public record RunResponse(
    UUID id,
    UUID agentId,
    String agentName,
    UUID agentVersionId,
    int agentVersion,
    @Schema(
            nullable = true,
            description =
                "The alias the run named, which resolved to agentVersion when it was admitted (the"
                    + " run keeps that version for life); null when it named none")
        String alias,
    @Schema(
            nullable = true,
            description = "The routing key the run gave with its alias; null when none")
        String routingKey,
    String status,
    @Schema(nullable = true, description = "Why the run ended as it did; null until then")
        String statusReason,
    String workflowId,
    @Schema(ref = "JsonObject") JsonNode input,
    int steps,
    long totalTokens,
    Instant createdAt,
    @Schema(description = "The subject of the token that started the run") String createdBy,
    @Schema(
            enumeration = {"api", "schedule", "trigger", "parent", "fork"},
            description =
                "Where the run came from: POST /v1/runs (api), a schedule, an inbound trigger, a"
                    + " parent run or a fork. A replay (POST /v1/runs/{runId}/replay) is api too:"
                    + " its `source` says what it replays")
        String origin,
    @Schema(
            nullable = true,
            description =
                "The run this one was forked or replayed from; null for a new run. Lineage both"
                    + " ways: GET /v1/runs/{runId}/lineage")
        RunSourceResponse source,
    @Schema(
            nullable = true,
            description =
                "The run whose sub-agent call (a tool of kind agent) started this one; null for a"
                    + " root")
        UUID parentRunId,
    @Schema(nullable = true, description = "The root of this run's tree; null for a root itself")
        UUID rootRunId,
    @Schema(
            minimum = "0",
            maximum = "5",
            description = "0 for a root, the parent's depth + 1 for a child")
        int depth,
    @Schema(
            nullable = true,
            description = "The schedule whose fire started the run; null unless origin is schedule")
        UUID scheduleId,
    @Schema(
            nullable = true,
            description =
                "The fire's scheduled time (before jitter), which no other run of the schedule"
                    + " has; null unless origin is schedule")
        Instant scheduledAt,
    @Schema(nullable = true) Instant startedAt,
    @Schema(nullable = true) Instant finishedAt,
    @Schema(
            nullable = true,
            description =
                "The run's answer once it has succeeded; null while there is none. Its `text` only"
                    + " when one run is read")
        RunOutput output,
    @Schema(
            nullable = true,
            description =
                "A cancel, pause or resume accepted and not acted on yet; null when none is"
                    + " pending")
        ControlRequest controlRequested,
    @Schema(
            description =
                "True while the run is queued without a slot of its tenant's concurrency (the"
                    + " tenant's or its agent's cap is reached): it starts when one frees, in the"
                    + " order runs were admitted. A child run uses its root's slot.")
        boolean waitingForSlot,
    @Schema(
            description =
                "The run's approvals, pending and decided (who decided what); only when one run"
                    + " is read")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<ApprovalResponse> approvals) {

  /** This run with its approvals, as {@code GET /v1/runs/{id}} shows it. */
  public RunResponse withApprovals(List<ApprovalResponse> approvals) {
    return new RunResponse(
        id,
        agentId,
        agentName,
        agentVersionId,
        agentVersion,
        alias,
        routingKey,
        status,
        statusReason,
        workflowId,
        input,
        steps,
        totalTokens,
        createdAt,
        createdBy,
        origin,
        source,
        parentRunId,
        rootRunId,
        depth,
        scheduleId,
        scheduledAt,
        startedAt,
        finishedAt,
        output,
        controlRequested,
        waitingForSlot,
        approvals);
  }
}
