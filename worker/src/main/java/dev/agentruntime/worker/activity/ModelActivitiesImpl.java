package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.ModelActivities;
import dev.agentruntime.core.activity.ModelStepRequest;
import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.run.event.ModelCallFailed;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.worker.agent.TurnAnswer;
import dev.agentruntime.worker.metrics.WorkerMetrics;
import dev.agentruntime.worker.model.ChatMessageText;
import dev.agentruntime.worker.model.ChatModelFactory;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.tool.ToolCatalog;
import dev.agentruntime.worker.tracing.RunTracing;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One model call of the built-in loop, through LangChain4j. */
@Singleton
public class ModelActivitiesImpl implements ModelActivities {

  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

  private final StepTemplate steps;
  private final Transcripts transcripts;
  private final ChatModelFactory models;
  private final ToolCatalog catalog;
  private final WorkerMetrics metrics;
  private final RunTracing tracing;

  public ModelActivitiesImpl(
      StepTemplate steps,
      Transcripts transcripts,
      ChatModelFactory models,
      ToolCatalog catalog,
      WorkerMetrics metrics,
      RunTracing tracing) {
    this.steps = steps;
    this.metrics = metrics;
    this.tracing = tracing;
    this.transcripts = transcripts;
    this.models = models;
    this.catalog = catalog;
  }

  @Override
  public ModelStepResult callModel(ModelStepRequest request) {
    StepTemplate.Step step =
        new StepTemplate.Step(
            request.tenantId(),
            request.runId(),
            request.step(),
            RunEventKeys.modelStep(request.step()));
    return steps.run(step, attempt -> call(request, step, attempt));
  }

  private ModelStepResult call(
      ModelStepRequest request, StepTemplate.Step step, StepTemplate.Attempt attempt) {
    String tenant = request.tenantId();
    String transcriptKey = RunObjectKeys.transcript(tenant, request.runId(), request.step());

    // A retry after a call that completed (the worker died before reporting it) reuses the
    // recorded answer instead of paying for, and recording, a second one.
    Optional<ModelStepResult> recorded = steps.recordedAnswer(step, transcriptKey);
    if (recorded.isPresent()) {
      return recorded.get();
    }

    AgentSpec spec = steps.spec(tenant, request.agentVersionId());
    List<ChatMessage> messages =
        new ArrayList<>(
            transcripts.read(request.transcriptKey(), request.digestOf(request.transcriptKey())));
    for (String key : request.toolResultKeys()) {
      messages.add(transcripts.readMessage(key, request.digestOf(key)));
    }
    ChatRequest.Builder chat = ChatRequest.builder().messages(messages);
    if (!spec.tools().isEmpty()) {
      chat.toolSpecifications(catalog.specifications(tenant, request.agentVersionId(), spec));
    }

    // Same for every attempt of this activity, different for every other one.
    ActivityInfo info = attempt.info();
    String idempotencyKey = info.getWorkflowId() + "/" + info.getActivityId();
    Duration timeout = Duration.ofSeconds(spec.retryOrDefault().attemptTimeoutSecondsOrDefault());
    ChatResponse response;
    long started = System.nanoTime();
    // Opened here, where the provider is really called: an attempt that reused a recorded answer
    // above has no model-call span, so a trace shows one completed call per completed step.
    Span span = tracing.chat(spec.model(), request.step(), messages);
    try (Scope ignored = span.makeCurrent()) {
      ChatModel model =
          models.create(
              tenant, spec.model(), timeout, Map.of(IDEMPOTENCY_KEY_HEADER, idempotencyKey));
      response = model.chat(chat.build());
      int asked = response.aiMessage().toolExecutionRequests().size();
      if (asked > TurnAnswer.MAX_TOOL_CALLS) {
        // As for HTTP agents: a model asking for more is looping or hostile; another attempt may
        // answer sensibly, so the retry policy decides.
        throw ApplicationFailure.newFailure(
            "the model asked for "
                + asked
                + " tool calls in one answer, more than "
                + TurnAnswer.MAX_TOOL_CALLS,
            ActivityFailureTypes.MODEL_UNAVAILABLE);
      }
      tracing.answered(span, response);
    } catch (RuntimeException e) {
      RunTracing.failed(span, e);
      Optional<RuntimeException> stopped = steps.stopped(step, attempt, e);
      if (stopped.isPresent()) {
        throw stopped.get();
      }
      steps.recordFailedAttempt(
          step,
          attempt,
          new ModelCallFailed(request.step(), info.getAttempt(), WorkerFailures.describe(e)));
      ApplicationFailure failure = WorkerFailures.forModelCall(e);
      metrics.modelCallFailed(spec.model(), !failure.isNonRetryable());
      throw failure;
    } finally {
      span.end();
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - started);

    AiMessage answer = response.aiMessage();
    // The prompt's estimate is taken before the answer joins the transcript.
    long promptEstimate = ChatMessageText.length(messages) / 4;
    messages.add(answer);
    long tokens = tokens(response.tokenUsage(), messages);
    long inputTokens = inputTokens(response.tokenUsage(), promptEstimate, tokens);
    String transcriptSha256 =
        steps.recordAnswer(
            step,
            transcriptKey,
            messages,
            new ModelCallCompleted(
                request.step(),
                info.getAttempt(),
                tokens,
                idempotencyKey,
                response.finishReason() == null ? null : response.finishReason().name(),
                answer.toolExecutionRequests().stream().map(ToolExecutionRequest::name).toList(),
                WorkerMetrics.provider(spec.model()),
                modelName(spec),
                inputTokens,
                tokens - inputTokens));
    // Counted once the answer is recorded: a retry of this activity finds the event and returns
    // above without calling the model, so an answered call is never counted twice.
    metrics.modelCallCompleted(tenant, spec.model(), latency, inputTokens, tokens - inputTokens);
    return StepResults.of(transcriptKey, answer, tokens, transcriptSha256);
  }

  /**
   * The prompt's share of {@code tokens}: the provider's input count when it reports one, else the
   * estimate; never more than the total, so the output share ({@code tokens - input}) is never
   * negative and the two always add up to the total the run's budget counts.
   */
  private static long inputTokens(TokenUsage usage, long promptEstimate, long tokens) {
    long input =
        usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : promptEstimate;
    return Math.max(0, Math.min(input, tokens));
  }

  /** The model the spec names, as usage records it; null when it leaves it to the provider. */
  private static String modelName(AgentSpec spec) {
    String name = spec.model() == null ? null : spec.model().name();
    return name == null || name.isBlank() ? null : name.strip();
  }

  /** The provider's count when it reports one, else about four characters per token. */
  private static long tokens(TokenUsage usage, List<ChatMessage> messages) {
    if (usage != null && usage.totalTokenCount() != null) {
      return usage.totalTokenCount();
    }
    return Math.max(1, ChatMessageText.length(messages) / 4);
  }
}
