package dev.agentruntime.worker.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.ChildRunActivities;
import dev.agentruntime.core.activity.ChildRunAnswer;
import dev.agentruntime.core.activity.ChildRunRequest;
import dev.agentruntime.core.activity.ChildStart;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.activity.ToolStepRequest;
import dev.agentruntime.core.activity.ToolStepResult;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.ChildRunStarted;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.metrics.WorkerMetrics;
import dev.agentruntime.worker.metrics.WorkerMetrics.ToolOutcome;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.store.RunEventRepository;
import dev.agentruntime.worker.tool.ToolCallException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

/**
 * Calls of tools of kind agent, on the parent's side: admitting the child run through the one
 * admission path (origin {@code parent}, keyed by the call, so a retry answers the same child) once
 * the call passed its checks, and turning the child's end into the call's result. Everything else a
 * call shares (finding it in the transcript, the approval check, refusals) is {@link
 * ToolActivitiesImpl}'s.
 */
@Singleton
public class ChildRunActivitiesImpl implements ChildRunActivities {

  /** The most of a child's answer its parent's model reads; the rest stays in its artifact. */
  static final int MAX_ANSWER_CHARS = 32_768;

  private final StepTemplate steps;
  private final ToolActivitiesImpl tools;
  private final RunEventRepository events;
  private final ChildRunStarter starter;
  private final Transcripts transcripts;
  private final WorkerMetrics metrics;

  public ChildRunActivitiesImpl(
      StepTemplate steps,
      ToolActivitiesImpl tools,
      RunEventRepository events,
      ChildRunStarter starter,
      Transcripts transcripts,
      WorkerMetrics metrics) {
    this.steps = steps;
    this.tools = tools;
    this.events = events;
    this.starter = starter;
    this.transcripts = transcripts;
    this.metrics = metrics;
  }

  @Override
  public ChildStart startChild(ChildRunRequest ask) {
    ToolStepRequest request = ask.call();
    return steps.run(step(request), attempt -> start(ask, request));
  }

  private ChildStart start(ChildRunRequest ask, ToolStepRequest request) {
    ToolExecutionRequest call = tools.requestedCall(request);
    ToolSpec tool = steps.spec(request.tenantId(), request.agentVersionId()).tool(call.name());
    if (tool == null || tool.kind() != ToolKind.AGENT) {
      throw ApplicationFailure.newNonRetryableFailure(
          "tool '" + call.name() + "' is not a tool of kind agent",
          ActivityFailureTypes.CLIENT_ERROR);
    }
    String input;
    try {
      ToolActivitiesImpl.checkApproval(tool, call, request.approvedArgumentsSha256());
      input = objectArguments(call);
    } catch (ToolCallException e) {
      return refuse(request, e.getMessage());
    }
    // An alias is resolved before the admission: its version's limits are checked and reserved.
    ChildRunStarter.Resolution resolution =
        starter.resolve(
            request.tenantId(), request.runId(), tool.agent(), tool.version(), tool.alias());
    if (resolution instanceof ChildRunStarter.Unresolved unresolved) {
      return refuse(request, unresolved.reason());
    }
    ChildRunStarter.Target target = (ChildRunStarter.Target) resolution;
    LimitsSpec limits = target.ref().spec().limitsOrDefault();
    ChildRunStarter.Left left =
        new ChildRunStarter.Left(
            ask.stepsLeft(), ask.tokensLeft(), ask.depthLeft(), ask.childrenLeft());
    String refusal = ChildRunStarter.overLimits(target.label(), limits, left);
    if (refusal != null) {
      return refuse(request, refusal);
    }
    QueuedRun run =
        starter.admit(
            request.tenantId(),
            request.runId(),
            target,
            input,
            idempotencyKey(request),
            limits,
            ask.depthLeft());
    LimitsSpec given = starter.limitsOf(request.tenantId(), run, target);
    int maxSteps = given.maxStepsOrDefault();
    long maxTokens = given.maxTokensOrDefault();
    events.append(
        request.tenantId(),
        request.runId(),
        RunEventKeys.childRun(request.step(), request.call().index()),
        new ChildRunStarted(
            request.step(),
            request.call().index(),
            call.name(),
            call.id(),
            run.runId(),
            run.agentName(),
            run.agentVersion(),
            run.workflowId(),
            maxSteps,
            maxTokens,
            target.alias()));
    return ChildStart.admitted(run, maxSteps, maxTokens);
  }

  @Override
  public ToolStepResult finishChild(ChildRunAnswer answer) {
    ToolStepRequest request = answer.call();
    return steps.run(step(request), attempt -> finish(answer, request));
  }

  private ToolStepResult finish(ChildRunAnswer answer, ToolStepRequest request) {
    RunOutcome outcome = answer.outcome();
    if (outcome.status() != RunStatus.SUCCEEDED) {
      return tools.answerWithError(
          request,
          "the sub-agent's run "
              + answer.childRunId()
              + " ended "
              + outcome.status().wireName()
              + (outcome.reason() == null ? "" : ": " + outcome.reason()),
          ToolOutcome.FAILED);
    }
    ToolExecutionRequest call = tools.requestedCall(request);
    String text = starter.answer(request.tenantId(), answer.childRunId());
    boolean truncated = text.length() > MAX_ANSWER_CHARS;
    String read =
        truncated
            ? text.substring(0, MAX_ANSWER_CHARS)
                + "\n[truncated: "
                + (text.length() - MAX_ANSWER_CHARS)
                + " more characters in the output artifact of run "
                + answer.childRunId()
                + "]"
            : text;
    events.append(
        request.tenantId(),
        request.runId(),
        RunEventKeys.toolCall(request.step(), request.call().index()),
        new ToolCallCompleted(
            request.step(),
            request.call().index(),
            call.name(),
            call.id(),
            new ToolCallCompleted.ChildRunAnswered(
                answer.childRunId(),
                outcome.treeStepsOrOwn(),
                outcome.treeTokensOrOwn(),
                text.length(),
                truncated)));
    metrics.toolCall(ToolKind.AGENT, ToolOutcome.COMPLETED);
    String resultKey =
        RunObjectKeys.toolResult(
            request.tenantId(), request.runId(), request.step(), request.call().index());
    String sha256 =
        transcripts.writeMessage(resultKey, ToolActivitiesImpl.resultMessage(call, read, false));
    return new ToolStepResult(resultKey, false, sha256);
  }

  /** The child's input: the call's arguments, which must be a JSON object. */
  private static String objectArguments(ToolExecutionRequest call) {
    JsonNode arguments;
    try {
      arguments = Json.read(call.arguments());
    } catch (RuntimeException notJson) {
      arguments = null;
    }
    if (arguments == null || !arguments.isObject()) {
      throw new ToolCallException(
          "the arguments of a sub-agent call must be a JSON object (the sub-agent's input)");
    }
    return CanonicalJson.canonicalize(call.arguments());
  }

  private ChildStart refuse(ToolStepRequest request, String reason) {
    return ChildStart.refused(tools.refuseTool(request, reason));
  }

  /** The call's key in the tenant's idempotency keys ({@link ChildRunStarter#admit}). */
  static String idempotencyKey(ToolStepRequest request) {
    return "parent run "
        + request.runId()
        + " step "
        + request.step()
        + " call "
        + request.call().index();
  }

  private static StepTemplate.Step step(ToolStepRequest request) {
    return new StepTemplate.Step(
        request.tenantId(),
        request.runId(),
        request.step(),
        RunEventKeys.toolCall(request.step(), request.call().index()));
  }
}
