package dev.agentruntime.worker.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.AgentTurnActivities;
import dev.agentruntime.core.activity.ModelStepRequest;
import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.AgentTurnCompleted;
import dev.agentruntime.core.run.event.AgentTurnFailed;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.RuntimeSpec;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.agent.AgentCallFailed;
import dev.agentruntime.worker.agent.AgentEndpoint;
import dev.agentruntime.worker.agent.AgentManifest;
import dev.agentruntime.worker.agent.AgentToolCall;
import dev.agentruntime.worker.agent.TurnAnswer;
import dev.agentruntime.worker.agent.TurnRequests;
import dev.agentruntime.worker.metrics.WorkerMetrics;
import dev.agentruntime.worker.metrics.WorkerMetrics.TurnOutcome;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.secret.SecretResolver;
import dev.agentruntime.worker.store.RunRecord;
import dev.agentruntime.worker.store.RunRepository;
import dev.agentruntime.worker.tool.ToolCatalog;
import dev.agentruntime.worker.tracing.RunTracing;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One turn of an HTTP agent (docs/agent-protocol.md). Its answer lands where a model answer of the
 * built-in loop lands: the tool calls in the transcript, so the workflow gates and runs them as it
 * runs any other; the final output as the transcript's last message, so the run's output artifact
 * is written the same way. The agent's state goes to the object store, never into the history.
 */
@Singleton
public class AgentTurnActivitiesImpl implements AgentTurnActivities {

  /** Failure type of a turn the agent could not answer yet (down, slow, 5xx): retried. */
  public static final String AGENT_UNAVAILABLE = "AgentUnavailable";

  private final StepTemplate steps;
  private final RunRepository runs;
  private final Transcripts transcripts;
  private final ObjectStore objects;
  private final SecretResolver secrets;
  private final ToolCatalog catalog;
  private final WorkerMetrics metrics;
  private final RunTracing tracing;
  private final AgentEndpoint endpoint;

  public AgentTurnActivitiesImpl(
      StepTemplate steps,
      RunRepository runs,
      Transcripts transcripts,
      ObjectStore objects,
      SecretResolver secrets,
      AgentEndpoint endpoint,
      ToolCatalog catalog,
      WorkerMetrics metrics,
      RunTracing tracing) {
    this.endpoint = endpoint;
    this.metrics = metrics;
    this.tracing = tracing;
    this.catalog = catalog;
    this.steps = steps;
    this.runs = runs;
    this.transcripts = transcripts;
    this.objects = objects;
    this.secrets = secrets;
  }

  /** Same for every attempt of a turn, whatever failed in between; different for every turn. */
  public static String idempotencyKey(ModelStepRequest request) {
    return request.runId() + "/turn-" + request.step();
  }

  @Override
  public ModelStepResult takeTurn(ModelStepRequest request) {
    StepTemplate.Step step =
        new StepTemplate.Step(
            request.tenantId(),
            request.runId(),
            request.step(),
            RunEventKeys.agentTurn(request.step()));
    return steps.run(step, attempt -> turn(request, step, attempt));
  }

  private ModelStepResult turn(
      ModelStepRequest request, StepTemplate.Step step, StepTemplate.Attempt attempt) {
    String tenant = request.tenantId();
    String transcriptKey = RunObjectKeys.transcript(tenant, request.runId(), request.step());
    // The agent answered this turn before (the worker died before reporting it): its recorded
    // answer stands, and the agent is not asked again.
    Optional<ModelStepResult> recorded = steps.recordedAnswer(step, transcriptKey);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    RunRecord run = run(request);
    AgentSpec spec = steps.spec(tenant, request.agentVersionId());
    RuntimeSpec runtime = spec.runtimeOrDefault();
    List<ChatMessage> messages =
        new ArrayList<>(
            transcripts.read(request.transcriptKey(), request.digestOf(request.transcriptKey())));
    List<ToolExecutionResultMessage> results = new ArrayList<>();
    for (String key : request.toolResultKeys()) {
      ToolExecutionResultMessage result =
          (ToolExecutionResultMessage) transcripts.readMessage(key, request.digestOf(key));
      results.add(result);
      messages.add(result);
    }
    JsonNode state =
        request.step() == 1
            ? null
            : objects
                .findText(RunObjectKeys.agentState(tenant, request.runId(), request.step() - 1))
                .map(Json::read)
                .orElse(null);
    Duration attemptTimeout =
        Duration.ofSeconds(spec.retryOrDefault().attemptTimeoutSecondsOrDefault());
    Instant deadline = Instant.now().plus(attemptTimeout).truncatedTo(ChronoUnit.SECONDS);
    URI agent = URI.create(runtime.endpoint());
    String bearer =
        runtime.apiKeyRef() == null
            ? null
            : secrets.resolve(tenant, runtime.apiKeyRef(), "runtime.apiKeyRef", agent);

    AgentManifest manifest = null;
    TurnAnswer answer;
    long started = System.nanoTime();
    // Opened where the agent is really asked: a turn whose answer was recorded opens none.
    Span span = tracing.turn(agent, request.step());
    try (Scope ignored = span.makeCurrent()) {
      if (request.step() == 1) {
        manifest = endpoint.manifest(tenant, agent, bearer, attemptTimeout);
      }
      answer =
          endpoint.turn(
              tenant,
              agent,
              bearer,
              idempotencyKey(request),
              deadline,
              TurnRequests.body(
                  run,
                  request.step(),
                  deadline,
                  spec.instructions(),
                  state,
                  // The same tools a model would be offered, MCP tools from their pins.
                  catalog.specifications(tenant, request.agentVersionId(), spec),
                  results));
      tracing.turnAnswered(span, answer);
    } catch (AgentCallFailed e) {
      RunTracing.failed(span, e);
      throw failed(request, step, attempt, e, Duration.ofNanos(System.nanoTime() - started));
    } catch (RuntimeException e) {
      RunTracing.failed(span, e);
      throw e;
    } finally {
      span.end();
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - started);
    int stateBytes = 0;
    if (answer.state() != null) {
      String stateJson = Json.write(answer.state());
      stateBytes = stateJson.length();
      objects.putText(
          RunObjectKeys.agentState(tenant, request.runId(), request.step()),
          stateJson,
          "application/json");
    }
    AiMessage message = answer.toAiMessage();
    messages.add(message);
    // The state is written before the transcript and the event, so an event always has it.
    String transcriptSha256 =
        steps.recordAnswer(
            step,
            transcriptKey,
            messages,
            completedPayload(request, attempt.info(), answer, manifest, stateBytes));
    // Counted once the event is recorded: a retry finds it above and asks the agent nothing.
    metrics.agentTurn(TurnOutcome.COMPLETED, latency);
    return StepResults.of(transcriptKey, message, answer.tokens(), transcriptSha256);
  }

  /** Records the failed attempt and answers Temporal whether another attempt may help. */
  private RuntimeException failed(
      ModelStepRequest request,
      StepTemplate.Step step,
      StepTemplate.Attempt attempt,
      AgentCallFailed e,
      Duration latency) {
    // Cancelled, or the run ended: the exchange was aborted on purpose, not failed.
    Optional<RuntimeException> stopped = steps.stopped(step, attempt, e);
    metrics.agentTurn(
        stopped.isPresent()
            ? TurnOutcome.CANCELLED
            : e.retryable() ? TurnOutcome.UNAVAILABLE : TurnOutcome.FAILED,
        latency);
    if (stopped.isPresent()) {
      return stopped.get();
    }
    steps.recordFailedAttempt(
        step,
        attempt,
        new AgentTurnFailed(
            request.step(),
            attempt.info().getAttempt(),
            LogSafe.escape(e.getMessage()),
            e.status()));
    return e.retryable()
        ? ApplicationFailure.newFailureWithCause(e.getMessage(), AGENT_UNAVAILABLE, e)
        : ApplicationFailure.newNonRetryableFailureWithCause(
            e.getMessage(), ActivityFailureTypes.CLIENT_ERROR, e);
  }

  private static AgentTurnCompleted completedPayload(
      ModelStepRequest request,
      ActivityInfo info,
      TurnAnswer answer,
      AgentManifest manifest,
      int stateBytes) {
    return new AgentTurnCompleted(
        request.step(),
        info.getAttempt(),
        idempotencyKey(request),
        answer.isFinal(),
        answer.tokens(),
        stateBytes,
        answer.toolCalls().stream().map(AgentToolCall::name).toList(),
        manifest == null
            ? null
            : new AgentTurnCompleted.Agent(
                LogSafe.escape(manifest.name()),
                manifest.version() == null ? null : LogSafe.escape(manifest.version()),
                manifest.protocol()));
  }

  private RunRecord run(ModelStepRequest request) {
    return runs.find(request.tenantId(), request.runId())
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "run " + request.runId() + " not found", ActivityFailureTypes.CLIENT_ERROR));
  }
}
