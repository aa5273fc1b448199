package dev.agentruntime.worker.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.PipelinePlan;
import dev.agentruntime.core.activity.RunContext;
import dev.agentruntime.core.activity.RunFinish;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.activity.RunPause;
import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.activity.RunStoreActivities;
import dev.agentruntime.core.activity.ToolPolicy;
import dev.agentruntime.core.approval.ApprovalRecord;
import dev.agentruntime.core.approval.ApprovalRequest;
import dev.agentruntime.core.approval.ApprovalTicket;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.PauseChanged;
import dev.agentruntime.core.run.event.RunEnded;
import dev.agentruntime.core.run.event.RunStarted;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.AgentSpecValidator;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.SpecViolation;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.metrics.WorkerMetrics;
import dev.agentruntime.worker.model.ClosedTranscripts;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.store.ApprovalRepository;
import dev.agentruntime.worker.store.RunEventRepository;
import dev.agentruntime.worker.store.RunRecord;
import dev.agentruntime.worker.store.RunRepository;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Projects a run's start and end to PostgreSQL and writes its opening transcript. */
@Singleton
public class RunStoreActivitiesImpl implements RunStoreActivities {

  public static final String OUTPUT_ARTIFACT = RunObjectKeys.OUTPUT_ARTIFACT;

  /** A cancelled run's conversation so far, in LangChain4j's message JSON. */
  public static final String TRANSCRIPT_ARTIFACT = "transcript";

  private final RunRepository runs;
  private final RunEventRepository events;
  private final Transcripts transcripts;
  private final ArtifactWriter artifacts;
  private final ClosedTranscripts closedTranscripts;
  private final ApprovalProjection approvals;
  private final ApprovalRepository approvalRows;
  private final WorkerMetrics metrics;
  private final int maxPausedSeconds;

  public RunStoreActivitiesImpl(
      RunRepository runs,
      RunEventRepository events,
      Transcripts transcripts,
      ArtifactWriter artifacts,
      ClosedTranscripts closedTranscripts,
      ApprovalProjection approvals,
      ApprovalRepository approvalRows,
      WorkerMetrics metrics,
      @ConfigProperty(name = "agent-runtime.runs.max-paused") Duration maxPaused) {
    if (maxPaused.compareTo(Duration.ofSeconds(1)) < 0
        || maxPaused.compareTo(Duration.ofSeconds(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "agent-runtime.runs.max-paused must be between 1s and "
              + Integer.MAX_VALUE
              + "s, not "
              + maxPaused);
    }
    // Read when a run begins and recorded in its plan: a run keeps the cap it started with.
    this.maxPausedSeconds = (int) maxPaused.toSeconds();
    this.metrics = metrics;
    this.approvals = approvals;
    this.approvalRows = approvalRows;
    this.runs = runs;
    this.events = events;
    this.transcripts = transcripts;
    this.artifacts = artifacts;
    this.closedTranscripts = closedTranscripts;
  }

  @Override
  public RunPlan beginRun(RunWorkflowInput input) {
    Started started = start(input);
    RunContext context = started.context();
    // Only the tools the workflow must treat differently: those whose calls wait for approval
    // or reach the network or run as child runs. The workflow routes by the name the model calls,
    // so an mcp entry
    // gets one policy per allowed tool, each with the entry's approval rule.
    List<ToolPolicy> gated =
        context.spec().tools().stream()
            .filter(
                t ->
                    t.requiresApproval() || t.kind().reachesNetwork() || t.kind() == ToolKind.AGENT)
            .flatMap(
                t ->
                    t.toolNames().stream()
                        .map(
                            name ->
                                new ToolPolicy(
                                    name,
                                    t.requiresApproval(),
                                    t.approvalTimeoutSecondsOrDefault(),
                                    t.kind().reachesNetwork(),
                                    t.kind() == ToolKind.AGENT)))
            .toList();
    LimitsSpec limits = context.spec().limitsOrDefault();
    RunRecord.Tree tree = started.run().tree();
    if (tree != null) {
      // A child's limits are what its parent reserved for it, never more than its own spec's.
      limits = limits.within(tree.maxSteps(), tree.maxTokens(), tree.maxDepth());
    }
    return new RunPlan(
        context.transcriptKey(),
        limits,
        context.spec().retryOrDefault(),
        gated,
        context.spec().runtimeOrDefault().type(),
        started.transcriptSha256(),
        maxPausedSeconds,
        context.spec().pipeline() == null ? null : PipelinePlan.of(context.spec().pipeline()),
        started.run().forkStep());
  }

  @Override
  public void recordPause(RunPause pause) {
    if (pause.paused()) {
      runs.markPaused(pause.tenantId(), pause.runId());
    } else {
      runs.markResumed(pause.tenantId(), pause.runId());
    }
    events.append(
        pause.tenantId(),
        pause.runId(),
        RunEventKeys.pause(pause.number(), pause.paused()),
        PauseChanged.of(pause.paused(), pause.step(), pause.control()));
  }

  @Override
  public ApprovalTicket requestApproval(ApprovalRequest request) {
    return approvals.request(request);
  }

  @Override
  public void recordApproval(ApprovalRecord record) {
    approvals.record(record);
  }

  @Override
  public RunContext startRun(RunWorkflowInput input) {
    return start(input).context();
  }

  /** A started run's context, and the digest of the opening transcript as written. */
  private record Started(RunRecord run, RunContext context, String transcriptSha256) {}

  private Started start(RunWorkflowInput input) {
    RunRecord run =
        runs.find(input.tenantId(), input.runId())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "run " + input.runId() + " of tenant " + input.tenantId() + " not found",
                        ActivityFailureTypes.CLIENT_ERROR));
    // The run row, not the workflow input, is the source of truth for the pinned version.
    AgentSpec spec = loadSpec(run);
    runs.markRunning(run.tenantId(), run.id());
    events.append(
        run.tenantId(),
        run.id(),
        RunEventKeys.STARTED,
        new RunStarted(run.agentVersionId(), run.workflowId()));
    String key = RunObjectKeys.transcript(run.tenantId(), run.id(), 0);
    List<ChatMessage> opening = new ArrayList<>();
    if (spec.instructions() != null) {
      opening.add(SystemMessage.from(spec.instructions())); // optional for an HTTP agent
    }
    opening.add(UserMessage.from(userText(run.inputJson())));
    String sha256 = transcripts.write(key, opening);
    return new Started(run, new RunContext(spec, key), sha256);
  }

  @Override
  public void finishRun(RunFinish finish) {
    Optional<RunRecord> found = runs.find(finish.tenantId(), finish.runId());
    if (found.isEmpty()) {
      return; // nothing to project: startRun already failed the run for this reason
    }
    RunRecord run = found.get();
    RunOutcome outcome = finish.outcome();
    if (outcome.status() == RunStatus.SUCCEEDED && finish.transcriptKey() != null) {
      String answer =
          finalAnswer(transcripts.read(finish.transcriptKey(), finish.transcriptSha256()));
      String contentType = Json.isJsonDocument(answer) ? "application/json" : "text/plain";
      artifacts.write(
          run.tenantId(),
          run.id(),
          OUTPUT_ARTIFACT,
          answer,
          contentType,
          RunEventKeys.OUTPUT_ARTIFACT);
    }
    if (outcome.status() == RunStatus.CANCELLED && finish.transcriptKey() != null) {
      // What the run did before it was stopped, as a whole conversation (no dangling tool call).
      List<ChatMessage> transcript =
          closedTranscripts.close(
              run.tenantId(),
              run.id(),
              outcome.steps(),
              finish.transcriptKey(),
              "the run was cancelled");
      artifacts.write(
          run.tenantId(),
          run.id(),
          TRANSCRIPT_ARTIFACT,
          ChatMessageSerializer.messagesToJson(transcript),
          "application/json",
          RunEventKeys.TRANSCRIPT_ARTIFACT);
    }
    approvalRows.cancelPending(run.tenantId(), run.id());
    boolean finished =
        runs.finish(
            run.tenantId(),
            run.id(),
            outcome.status(),
            outcome.reason(),
            outcome.steps(),
            outcome.totalTokens());
    if (finished) {
      // Only the attempt that moved the run to its terminal status counts it: a retry of this
      // activity (the event append below failed, the worker died) finds the status already set.
      metrics.runFinished(run.tenantId(), outcome.status());
    }
    events.append(run.tenantId(), run.id(), RunEventKeys.FINISHED, RunEnded.of(outcome));
  }

  private AgentSpec loadSpec(RunRecord run) {
    AgentSpec spec =
        runs.spec(run.tenantId(), run.agentVersionId())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "agent version " + run.agentVersionId() + " not found",
                        ActivityFailureTypes.CLIENT_ERROR));
    List<SpecViolation> violations = AgentSpecValidator.validate(spec);
    if (!violations.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "agent version "
              + run.agentVersionId()
              + " cannot run: "
              + violations.stream()
                  .map(v -> v.field() + " " + v.message())
                  .collect(Collectors.joining("; ")),
          ActivityFailureTypes.CLIENT_ERROR);
    }
    return spec;
  }

  /** A string {@code message} or {@code prompt} field is the user's text; else the input JSON. */
  static String userText(String inputJson) {
    JsonNode input = Json.read(inputJson);
    for (String field : List.of("message", "prompt")) {
      if (input.path(field).isTextual()) {
        return input.get(field).asText();
      }
    }
    return input.isTextual() ? input.asText() : inputJson;
  }

  private static String finalAnswer(List<ChatMessage> transcript) {
    AiMessage last = Transcripts.lastAiMessage(transcript);
    return last == null || last.text() == null ? "" : last.text();
  }
}
