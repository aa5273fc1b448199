package dev.agentruntime.testkit;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.AgentTurnCompleted;
import dev.agentruntime.core.run.event.AgentTurnFailed;
import dev.agentruntime.core.run.event.ApprovalCarried;
import dev.agentruntime.core.run.event.ApprovalDecided;
import dev.agentruntime.core.run.event.ApprovalRequested;
import dev.agentruntime.core.run.event.ArtifactCreated;
import dev.agentruntime.core.run.event.ChildRunStarted;
import dev.agentruntime.core.run.event.ControlRequested;
import dev.agentruntime.core.run.event.DescendantApprovalRequested;
import dev.agentruntime.core.run.event.KernelDependencyUnavailable;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.run.event.ModelCallFailed;
import dev.agentruntime.core.run.event.PauseChanged;
import dev.agentruntime.core.run.event.PipelineStepEnded;
import dev.agentruntime.core.run.event.RunEnded;
import dev.agentruntime.core.run.event.RunEventPayload;
import dev.agentruntime.core.run.event.RunQueued;
import dev.agentruntime.core.run.event.RunStarted;
import dev.agentruntime.core.run.event.SearchAttributesMissing;
import dev.agentruntime.core.run.event.StepReused;
import dev.agentruntime.core.run.event.TenantBudgetSoftExceeded;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.run.event.ToolCallFailed;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunOutcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Representative payloads of every run event type, each optional field both present and absent (or
 * null, where the writers write null), for tests that hold the records to the OpenAPI schemas.
 */
public final class RunEventSamples {

  private static final String SHA256 = "a".repeat(64);

  private RunEventSamples() {}

  public static List<RunEventPayload> all() {
    RunControl alice = new RunControl("alice", "checking the bill");
    RunControl bob = new RunControl("bob", null);
    return List.of(
        new RunQueued("notes", 3),
        new RunQueued("notes", 4, "prod", UUID.randomUUID(), "fork", 3),
        new RunQueued("notes", 2, null, UUID.randomUUID(), "replay", null),
        new StepReused(
            1,
            UUID.randomUUID(),
            "model",
            120,
            List.of(
                new StepReused.ReusedToolCall(0, "save", "call-1", false, null),
                new StepReused.ReusedToolCall(1, "research", null, true, UUID.randomUUID()))),
        new StepReused(2, UUID.randomUUID(), "agent", 0, List.of()),
        new ApprovalCarried(
            "ap-1", UUID.randomUUID(), 2, 3, 0, "deploy", "call-7", SHA256, "carol"),
        new SearchAttributesMissing(
            "default",
            List.of("AgentRuntimeTenant", "AgentRuntimeAgent", "AgentRuntimeAgentVersion"),
            SearchAttributesMissing.NOT_REGISTERED),
        new RunStarted(UUID.randomUUID(), "run-notes-1"),
        new ModelCallCompleted(1, 1, 120, "run-1/model-1", "STOP", List.of()),
        new ModelCallCompleted(2, 3, 80, "run-1/model-2", null, List.of("search", "save")),
        new ModelCallCompleted(
            3, 1, 95, "run-1/model-3", "STOP", List.of(), "openai", "gpt-4o-mini", 70L, 25L),
        new ModelCallCompleted(4, 1, 12, "run-1/model-4", "STOP", List.of(), "demo", null, 9L, 3L),
        new ModelCallFailed(1, 2, "model unavailable: 503"),
        new AgentTurnCompleted(
            1,
            1,
            "run-1/turn-1",
            false,
            40,
            12,
            List.of("save"),
            new AgentTurnCompleted.Agent("notes-agent", "1.2.0", "agent-runtime/v1")),
        new AgentTurnCompleted(
            1,
            1,
            "run-1/turn-1",
            false,
            40,
            0,
            List.of(),
            new AgentTurnCompleted.Agent("a", null, "p")),
        new AgentTurnCompleted(2, 1, "run-1/turn-2", true, 10, 0, List.of(), null),
        new AgentTurnFailed(2, 1, "the agent answered 503", 503),
        new AgentTurnFailed(2, 2, "connection refused", null),
        new ToolCallCompleted(
            1,
            0,
            "save",
            "call-1",
            new ToolCallCompleted.ArtifactWritten("notes.md", "text/markdown", 42)),
        new ToolCallCompleted(
            1,
            1,
            "fetch",
            "call-2",
            new ToolCallCompleted.HttpResponded("GET", "api.example.com", 200, 1024, false)),
        new ToolCallCompleted(
            2,
            0,
            "lookup",
            "call-3",
            new ToolCallCompleted.McpAnswered(
                "mcp.example.com", "lookup", SHA256, 300, true, List.of("1 image"))),
        new ToolCallCompleted(
            3,
            1,
            "research",
            "call-4",
            new ToolCallCompleted.ChildRunAnswered(UUID.randomUUID(), 4, 1200, 512, false)),
        new ChildRunStarted(
            3,
            1,
            "research",
            "call-4",
            UUID.randomUUID(),
            "researcher",
            2,
            "acme:planner:v1:1/researcher:v2:2",
            5,
            20_000),
        new ChildRunStarted(
            3, 2, "research", null, UUID.randomUUID(), "researcher", 2, "p/c", 1, 1),
        new ChildRunStarted(
            1,
            0,
            "research",
            "attempt-1",
            UUID.randomUUID(),
            "researcher",
            3,
            "p/c",
            2,
            500,
            "prod"),
        new PipelineStepEnded(1, "research", 1, UUID.randomUUID(), "succeeded", null),
        new PipelineStepEnded(
            2, "edit", 0, null, "failed", "step edit: input.draft selects nothing"),
        new DescendantApprovalRequested(
            UUID.randomUUID(), 2, "appr-4", "send_mail", SHA256, "2026-12-06T21:00:00Z"),
        new ToolCallFailed(1, 0, "save", "call-1", "name is required"),
        new ArtifactCreated("output", "text/plain", 11, SHA256),
        new KernelDependencyUnavailable(
            2, "CallModel", KernelDependencyUnavailable.OBJECT_STORE, "connection reset"),
        new KernelDependencyUnavailable(2, "CallTool", KernelDependencyUnavailable.DATABASE, null),
        new TenantBudgetSoftExceeded(
            "tokens",
            "day",
            "2026-12-07",
            new BigDecimal(850),
            new BigDecimal(800),
            new BigDecimal(1000),
            3,
            "2026-12-08T00:00:00Z"),
        new TenantBudgetSoftExceeded(
            "cost",
            "month",
            "2026-12-01",
            new BigDecimal("4.012"),
            new BigDecimal("4"),
            new BigDecimal("5"),
            1,
            "2027-01-01T00:00:00Z"),
        new ControlRequested.CancelRequested(alice),
        new ControlRequested.CancelRequested(bob),
        new ControlRequested.PauseRequested(alice),
        new ControlRequested.ResumeRequested(bob),
        PauseChanged.of(true, 2, alice),
        PauseChanged.of(true, 0, null),
        PauseChanged.of(false, 2, bob),
        new ApprovalRequested(
            "appr-1",
            1,
            0,
            "call-1",
            "send_mail",
            SHA256,
            "2026-12-06T21:00:00Z",
            List.of("approver", "agent-admin")),
        new ApprovalDecided("appr-1", 1, "approved", "carol", "looks right"),
        new ApprovalDecided("appr-2", 1, "denied", "carol", null),
        new ApprovalDecided("appr-3", 2, "expired", null, null),
        RunEnded.of(new RunOutcome(RunStatus.SUCCEEDED, null, 3, 400)),
        RunEnded.of(new RunOutcome(RunStatus.FAILED, "the model failed 5 times", 1, 20)),
        RunEnded.of(new RunOutcome(RunStatus.TIMED_OUT, "timeoutSeconds 600 reached", 4, 900)),
        RunEnded.of(new RunOutcome(RunStatus.CANCELLED, "cancelled by alice", 2, 100)));
  }
}
