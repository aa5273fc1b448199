package dev.agentruntime.worker.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.ChildStart;
import dev.agentruntime.core.activity.PipelineActivities;
import dev.agentruntime.core.activity.PipelineFinish;
import dev.agentruntime.core.activity.PipelineFinishRequest;
import dev.agentruntime.core.activity.PipelineOutputCheck;
import dev.agentruntime.core.activity.PipelineStepEnd;
import dev.agentruntime.core.activity.PipelineStepRecord;
import dev.agentruntime.core.activity.PipelineStepRequest;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.ChildRunStarted;
import dev.agentruntime.core.run.event.PipelineStepEnded;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.JsonSchemaCheck;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.PipelineInputException;
import dev.agentruntime.core.spec.PipelineInputs;
import dev.agentruntime.core.spec.PipelineStage;
import dev.agentruntime.core.spec.PipelineStep;
import dev.agentruntime.core.spec.PipelineStepResult;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.store.RunEventRepository;
import dev.agentruntime.worker.store.RunRecord;
import dev.agentruntime.worker.store.RunRepository;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The steps of pipeline runs ({@link PipelineActivities}): the spec, the run's input and the
 * children's answers are read here, never carried in the workflow's history, which holds only
 * names, run ids and statuses.
 */
@Singleton
public class PipelineActivitiesImpl implements PipelineActivities {

  private final StepTemplate steps;
  private final RunRepository runs;
  private final RunEventRepository events;
  private final Transcripts transcripts;
  private final ChildRunStarter starter;

  public PipelineActivitiesImpl(
      StepTemplate steps,
      RunRepository runs,
      RunEventRepository events,
      Transcripts transcripts,
      ChildRunStarter starter) {
    this.steps = steps;
    this.runs = runs;
    this.events = events;
    this.transcripts = transcripts;
    this.starter = starter;
  }

  @Override
  public ChildStart startStep(PipelineStepRequest request) {
    AgentSpec spec = steps.spec(request.tenantId(), request.agentVersionId());
    PipelineStep step =
        PipelineStage.plan(spec.pipeline()).get(request.stage()).steps().get(request.member());
    String input;
    try {
      input =
          CanonicalJson.write(
              PipelineInputs.stepInput(
                  step, pipelineInput(request.tenantId(), request.runId()), results(request)));
    } catch (PipelineInputException e) {
      return ChildStart.refused(e.getMessage());
    }
    // An alias is resolved before the admission: its version's limits are checked and reserved.
    ChildRunStarter.Resolution resolution =
        starter.resolve(
            request.tenantId(), request.runId(), step.agent(), step.version(), step.alias());
    if (resolution instanceof ChildRunStarter.Unresolved unresolved) {
      return ChildStart.refused(unresolved.reason());
    }
    ChildRunStarter.Target target = (ChildRunStarter.Target) resolution;
    LimitsSpec limits = target.ref().spec().limitsOrDefault();
    String refusal =
        ChildRunStarter.overLimits(
            "step " + step.name() + " (" + target.label() + ")",
            limits,
            new ChildRunStarter.Left(
                request.stepsLeft(),
                request.tokensLeft(),
                request.depthLeft(),
                request.childrenLeft()));
    if (refusal != null) {
      return ChildStart.refused(refusal);
    }
    QueuedRun run =
        starter.admit(
            request.tenantId(),
            request.runId(),
            target,
            input,
            "pipeline run "
                + request.runId()
                + " step "
                + step.name()
                + " attempt "
                + request.attempt(),
            limits,
            request.depthLeft());
    LimitsSpec given = starter.limitsOf(request.tenantId(), run, target);
    events.append(
        request.tenantId(),
        request.runId(),
        RunEventKeys.pipelineChild(step.name(), request.attempt()),
        new ChildRunStarted(
            request.stage() + 1,
            request.member(),
            step.name(),
            "attempt-" + request.attempt(),
            run.runId(),
            run.agentName(),
            run.agentVersion(),
            run.workflowId(),
            given.maxStepsOrDefault(),
            given.maxTokensOrDefault(),
            target.alias()));
    return ChildStart.admitted(run, given.maxStepsOrDefault(), given.maxTokensOrDefault());
  }

  @Override
  public String checkOutput(PipelineOutputCheck check) {
    AgentSpec child = steps.spec(check.tenantId(), check.childAgentVersionId());
    if (child.outputSchema() == null) {
      return null;
    }
    List<String> violations =
        JsonSchemaCheck.violations(
            child.outputSchema(), answerJson(starter.answer(check.tenantId(), check.childRunId())));
    return violations.isEmpty()
        ? null
        : "the answer of run "
            + check.childRunId()
            + " does not hold to its agent's outputSchema: "
            + JsonSchemaCheck.describe(violations);
  }

  @Override
  public void recordStep(PipelineStepRecord record) {
    PipelineStepEnd end = record.end();
    events.append(
        record.tenantId(),
        record.runId(),
        RunEventKeys.pipelineStep(end.name()),
        new PipelineStepEnded(
            record.stage() + 1,
            end.name(),
            record.attempts(),
            end.childRunId(),
            end.succeeded() ? "succeeded" : "failed",
            end.error()));
  }

  @Override
  public PipelineFinish finishPipeline(PipelineFinishRequest request) {
    AgentSpec spec = steps.spec(request.tenantId(), request.agentVersionId());
    JsonNode output;
    try {
      output =
          PipelineInputs.output(
              spec.pipeline(),
              pipelineInput(request.tenantId(), request.runId()),
              results(request.tenantId(), request.ended()));
    } catch (PipelineInputException e) {
      return new PipelineFinish(null, null, e.getMessage());
    }
    // The output is the run's answer: the last message of its final transcript, as a model's.
    List<ChatMessage> messages = new ArrayList<>(transcripts.read(request.transcriptKey()));
    messages.add(AiMessage.from(output.isTextual() ? output.asText() : Json.write(output)));
    String key = RunObjectKeys.transcript(request.tenantId(), request.runId(), 1);
    return new PipelineFinish(key, transcripts.write(key, messages), null);
  }

  private JsonNode pipelineInput(String tenantId, UUID runId) {
    RunRecord run =
        runs.find(tenantId, runId)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "run " + runId + " not found", ActivityFailureTypes.CLIENT_ERROR));
    return Json.read(run.inputJson());
  }

  private Map<String, PipelineStepResult> results(PipelineStepRequest request) {
    return results(request.tenantId(), request.ended());
  }

  /** The steps that ended, with each successful child's answer as JSON (text as a string). */
  private Map<String, PipelineStepResult> results(String tenantId, List<PipelineStepEnd> ended) {
    Map<String, PipelineStepResult> results = new LinkedHashMap<>();
    for (PipelineStepEnd end : ended) {
      if (!end.succeeded()) {
        results.put(end.name(), PipelineStepResult.failed(end.error()));
        continue;
      }
      results.put(
          end.name(),
          PipelineStepResult.succeeded(answerJson(starter.answer(tenantId, end.childRunId()))));
    }
    return results;
  }

  /** A child's answer as later steps read it: its JSON document, or its text as a string. */
  private static JsonNode answerJson(String answer) {
    return Json.isJsonDocument(answer) ? Json.read(answer) : TextNode.valueOf(answer);
  }
}
