package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.activity.ToolActivities;
import dev.agentruntime.core.activity.ToolCallRef;
import dev.agentruntime.core.activity.ToolStepRequest;
import dev.agentruntime.core.activity.ToolStepResult;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.RunEventPayload;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.run.event.ToolCallFailed;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.worker.metrics.WorkerMetrics;
import dev.agentruntime.worker.metrics.WorkerMetrics.ToolOutcome;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.store.RunEventRepository;
import dev.agentruntime.worker.tool.ToolCall;
import dev.agentruntime.worker.tool.ToolCallException;
import dev.agentruntime.worker.tool.ToolRegistry;
import dev.agentruntime.worker.tool.ToolResult;
import dev.agentruntime.worker.tracing.RunTracing;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs the tool calls the model asks for, through the tool of their kind ({@link ToolRegistry}),
 * and does what every call shares: finding the call in the transcript, checking an approval,
 * recording the completed or failed event and the result the model reads, and never repeating a
 * call that completed.
 */
@Singleton
public class ToolActivitiesImpl implements ToolActivities {

  private final StepTemplate steps;
  private final RunEventRepository events;
  private final Transcripts transcripts;
  private final ToolRegistry tools;
  private final WorkerMetrics metrics;
  private final RunTracing tracing;

  public ToolActivitiesImpl(
      StepTemplate steps,
      RunEventRepository events,
      Transcripts transcripts,
      ToolRegistry tools,
      WorkerMetrics metrics,
      RunTracing tracing) {
    this.metrics = metrics;
    this.tracing = tracing;
    this.steps = steps;
    this.events = events;
    this.transcripts = transcripts;
    this.tools = tools;
  }

  /**
   * A scheduled call (a network tool) heartbeats: a cancel interrupts it, and a dead worker is
   * noticed after the heartbeat timeout. A local activity cannot heartbeat (its tools are short),
   * nor can a call made outside any activity (a test driving the tools directly).
   */
  @Override
  public ToolStepResult callTool(ToolStepRequest request) {
    StepTemplate.Step step =
        new StepTemplate.Step(
            request.tenantId(),
            request.runId(),
            request.step(),
            RunEventKeys.toolCall(request.step(), request.call().index()));
    return steps.run(step, attempt -> call(request, step));
  }

  @Override
  public ToolStepResult refuseTool(ToolStepRequest request, String reason) {
    return answerWithError(request, reason, ToolOutcome.REFUSED);
  }

  /**
   * Answers a call with an error the model reads ({@code reason}) and its {@code tool.call.failed}
   * event, counted as {@code outcome} the first time.
   */
  ToolStepResult answerWithError(ToolStepRequest request, String reason, ToolOutcome outcome) {
    String eventKey = RunEventKeys.toolCall(request.step(), request.call().index());
    String resultKey =
        RunObjectKeys.toolResult(
            request.tenantId(), request.runId(), request.step(), request.call().index());
    ToolExecutionRequest toolCall = requestedCall(request);
    // Counted only the first time: a retry of this activity finds its event already recorded.
    boolean first = events.find(request.tenantId(), request.runId(), eventKey).isEmpty();
    events.append(request.tenantId(), request.runId(), eventKey, failed(request, toolCall, reason));
    if (first) {
      metrics.toolCall(kindOf(spec(request), toolCall), outcome);
    }
    String sha256 =
        transcripts.writeMessage(resultKey, resultMessage(toolCall, "error: " + reason, true));
    return new ToolStepResult(resultKey, true, sha256);
  }

  private ToolStepResult call(ToolStepRequest request, StepTemplate.Step step) {
    String tenant = request.tenantId();
    UUID runId = request.runId();
    ToolCallRef call = request.call();
    String eventKey = step.eventKey();
    String resultKey = RunObjectKeys.toolResult(tenant, runId, request.step(), call.index());

    ToolExecutionRequest toolCall = requestedCall(request);
    // A retry of a call that already completed (the worker died before reporting it) must not
    // repeat its effect: its result is rebuilt from what the completed call recorded.
    Optional<RunEventPayload> recorded = steps.recorded(step);
    if (recorded.isPresent()) {
      boolean failed = recorded.get() instanceof ToolCallFailed;
      String sha256 = null; // the stored result stands; its reader takes it from the store
      if (!transcripts.exists(resultKey)) {
        String text =
            recorded.get() instanceof ToolCallFailed refused
                ? "error: " + refused.error()
                : recordedResult(spec(request), toolCall, (ToolCallCompleted) recorded.get());
        sha256 = transcripts.writeMessage(resultKey, resultMessage(toolCall, text, failed));
      }
      return new ToolStepResult(resultKey, failed, sha256);
    }
    AgentSpec spec = spec(request);
    String resultText;
    boolean error;
    ToolOutcome outcome = ToolOutcome.FAILED;
    // Opened where the call really executes: a retry of a completed call (above) opens none.
    ToolSpec tool = spec.tool(toolCall.name());
    Span span =
        tracing.tool(
            toolCall.name(),
            tool == null ? "unknown" : tool.kind().name().toLowerCase(Locale.ROOT),
            toolCall.id(),
            request.step(),
            toolCall.arguments());
    try (Scope ignored = span.makeCurrent()) {
      if (tool == null) {
        throw new ToolCallException(
            "unknown tool '"
                + toolCall.name()
                + "'; available tools: "
                + String.join(", ", spec.toolNames()));
      }
      if (tool.kind() == ToolKind.AGENT) {
        // Routed here only by a workflow that began before child runs existed.
        throw new ToolCallException(
            "tool '" + toolCall.name() + "' runs another agent, which this run cannot do");
      }
      // A call the approval check stops was never executed: refused, not failed.
      outcome = ToolOutcome.REFUSED;
      checkApproval(tool, toolCall, request.approvedArgumentsSha256());
      outcome = ToolOutcome.FAILED;
      ToolResult result =
          tools
              .get(tool.kind())
              .execute(
                  new ToolCall(
                      tenant,
                      runId,
                      request.agentVersionId(),
                      request.step(),
                      call.index(),
                      toolCall.id(),
                      toolCall.name(),
                      tool,
                      toolCall.arguments(),
                      eventKey));
      events.append(
          tenant,
          runId,
          eventKey,
          new ToolCallCompleted(
              request.step(), call.index(), toolCall.name(), toolCall.id(), result.effect()));
      resultText = result.text();
      error = false;
      outcome = ToolOutcome.COMPLETED;
      tracing.toolAnswered(span, resultText, false);
    } catch (ToolCallException e) {
      resultText = "error: " + e.getMessage();
      error = true;
      events.append(tenant, runId, eventKey, failed(request, toolCall, e.getMessage()));
      tracing.toolAnswered(span, resultText, true);
    } catch (RuntimeException e) {
      RunTracing.failed(span, e);
      throw e;
    } finally {
      span.end();
    }
    // Counted once its event is recorded: a retry finds the event above and is not counted.
    metrics.toolCall(kindOf(spec, toolCall), outcome);
    String sha256 = transcripts.writeMessage(resultKey, resultMessage(toolCall, resultText, error));
    return new ToolStepResult(resultKey, error, sha256);
  }

  private static ToolKind kindOf(AgentSpec spec, ToolExecutionRequest toolCall) {
    ToolSpec tool = spec.tool(toolCall.name());
    return tool == null ? null : tool.kind();
  }

  /**
   * A gated tool runs only with the approval of exactly these arguments: the hash the person
   * approved must be the hash of the call as the transcript states it.
   */
  static void checkApproval(ToolSpec tool, ToolExecutionRequest call, String approved) {
    if (!tool.requiresApproval()) {
      return;
    }
    if (approved == null) {
      throw new ToolCallException("tool '" + call.name() + "' requires approval; not executed");
    }
    String actual;
    try {
      actual = CanonicalJson.sha256Hex(CanonicalJson.canonicalize(call.arguments()));
    } catch (RuntimeException notJson) {
      actual = null;
    }
    if (!approved.equals(actual)) {
      throw new ToolCallException("the arguments are not the approved ones; not executed");
    }
  }

  static ToolExecutionResultMessage resultMessage(
      ToolExecutionRequest toolCall, String text, boolean error) {
    return ToolExecutionResultMessage.builder()
        .id(toolCall.id())
        .toolName(toolCall.name())
        .text(text)
        .isError(error)
        .build();
  }

  private AgentSpec spec(ToolStepRequest request) {
    return steps.spec(request.tenantId(), request.agentVersionId());
  }

  /** What the model read for a completed call whose stored result was lost. */
  private String recordedResult(
      AgentSpec spec, ToolExecutionRequest toolCall, ToolCallCompleted event) {
    ToolSpec tool = spec.tool(toolCall.name());
    return tool == null ? "completed" : tools.get(tool.kind()).recordedResult(event.effect());
  }

  /** The call the workflow routed here, as the model stated it in the transcript. */
  ToolExecutionRequest requestedCall(ToolStepRequest request) {
    AiMessage answer =
        Transcripts.lastAiMessage(
            transcripts.read(request.transcriptKey(), request.transcriptSha256()));
    ToolCallRef call = request.call();
    if (answer == null
        || call.index() < 0
        || call.index() >= answer.toolExecutionRequests().size()
        || !Objects.equals(answer.toolExecutionRequests().get(call.index()).id(), call.id())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "transcript "
              + request.transcriptKey()
              + " holds no tool call #"
              + call.index()
              + " with id "
              + call.id(),
          ActivityFailureTypes.CLIENT_ERROR);
    }
    return answer.toolExecutionRequests().get(call.index());
  }

  static ToolCallFailed failed(
      ToolStepRequest request, ToolExecutionRequest toolCall, String error) {
    return new ToolCallFailed(
        request.step(), request.call().index(), toolCall.name(), toolCall.id(), error);
  }
}
