package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The payload of a run event: one record per type of {@link
 * dev.agentruntime.core.run.RunEventTypes}, written and read only through {@link RunEventJson}, so
 * the API, the worker, the OpenAPI document and every client read the same shapes. A record's field
 * names and JSON types are the wire format of stored events and may only grow: a renamed or retyped
 * field breaks the timelines already stored.
 */
public sealed interface RunEventPayload
    permits RunQueued,
        RunStarted,
        ModelCallCompleted,
        ModelCallFailed,
        AgentTurnCompleted,
        AgentTurnFailed,
        ToolCallCompleted,
        ToolCallFailed,
        ArtifactCreated,
        KernelDependencyUnavailable,
        ControlRequested,
        PauseChanged,
        ApprovalRequested,
        ApprovalDecided,
        ChildRunStarted,
        DescendantApprovalRequested,
        PipelineStepEnded,
        TenantBudgetSoftExceeded,
        StepReused,
        ApprovalCarried,
        SearchAttributesMissing,
        RunEnded {

  /** The event type this payload is written under. */
  @JsonIgnore
  default String type() {
    return RunEventJson.typeOf(getClass());
  }
}
