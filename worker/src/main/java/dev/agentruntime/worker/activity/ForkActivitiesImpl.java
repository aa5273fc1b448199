package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.ApprovalCarry;
import dev.agentruntime.core.activity.CarriedApproval;
import dev.agentruntime.core.activity.ForkActivities;
import dev.agentruntime.core.activity.ForkPrefix;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.AgentTurnCompleted;
import dev.agentruntime.core.run.event.ApprovalCarried;
import dev.agentruntime.core.run.event.ChildRunStarted;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.run.event.RunEventPayload;
import dev.agentruntime.core.run.event.StepReused;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.run.event.ToolCallFailed;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.store.ForkSourceRepository;
import dev.agentruntime.worker.store.ForkSourceRepository.ApprovedCall;
import dev.agentruntime.worker.store.ForkSourceRepository.ForkSource;
import dev.agentruntime.worker.store.RunEventRepository;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts a fork's reused steps in place (docs/api.md, "Forking a run"). The fork's transcript after
 * step k is the fork's own opening (its version's instructions and its input) followed by what the
 * source's conversation added in steps 1 to k: the answers and tool results exactly as recorded.
 * Nothing is asked of a model or an agent and no tool runs: the objects are copied, so a fork never
 * reads the source's keys once it has begun (the source may be purged later).
 */
@Singleton
public class ForkActivitiesImpl implements ForkActivities {

  private final ForkSourceRepository sources;
  private final RunEventRepository events;
  private final Transcripts transcripts;
  private final ObjectStore objects;

  public ForkActivitiesImpl(
      ForkSourceRepository sources,
      RunEventRepository events,
      Transcripts transcripts,
      ObjectStore objects) {
    this.sources = sources;
    this.events = events;
    this.transcripts = transcripts;
    this.objects = objects;
  }

  @Override
  public ForkPrefix reuseSteps(RunWorkflowInput input) {
    String tenant = input.tenantId();
    UUID fork = input.runId();
    ForkSource source =
        sources
            .find(tenant, fork)
            .orElseThrow(() -> refused("run " + fork + " is not a fork of a run of its tenant"));
    UUID from = source.sourceRunId();
    if (source.purging()) {
      throw refused("its source run " + from + " was purged; its steps can no longer be reused");
    }
    List<ChatMessage> opening = transcripts.read(RunObjectKeys.transcript(tenant, fork, 0));
    int sourceOpening = sourceTranscript(tenant, from, 0).size();
    Map<Integer, List<ChatMessage>> recorded = new HashMap<>();
    String transcriptKey = RunObjectKeys.transcript(tenant, fork, 0);
    String transcriptSha256 = null;
    List<String> resultKeys = List.of();
    List<String> resultShas = List.of();
    for (int step = 1; step < source.forkStep(); step++) {
      RunEventPayload decision = decision(tenant, from, step);
      List<ChatMessage> messages = sourceTranscript(tenant, from, step);
      recorded.put(step, messages);
      List<ChatMessage> copy = new ArrayList<>(opening);
      copy.addAll(messages.subList(Math.min(sourceOpening, messages.size()), messages.size()));
      transcriptKey = RunObjectKeys.transcript(tenant, fork, step);
      transcriptSha256 = transcripts.write(transcriptKey, copy);
      // An HTTP agent's next turn is handed the state its last turn answered.
      Optional<String> state = objects.findText(RunObjectKeys.agentState(tenant, from, step));
      if (state.isPresent()) {
        objects.putText(
            RunObjectKeys.agentState(tenant, fork, step), state.get(), "application/json");
      }
      AiMessage answer = Transcripts.lastAiMessage(messages);
      List<ToolExecutionRequest> calls =
          answer == null ? List.of() : answer.toolExecutionRequests();
      List<String> keys = new ArrayList<>();
      List<String> shas = new ArrayList<>();
      List<StepReused.ReusedToolCall> reused = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        reused.add(copyResult(tenant, from, fork, step, i, calls.get(i), keys, shas));
      }
      resultKeys = keys;
      resultShas = shas;
      StepReused event =
          switch (decision) {
            case ModelCallCompleted model ->
                new StepReused(step, from, "model", model.tokens(), reused);
            case AgentTurnCompleted turn ->
                new StepReused(step, from, "agent", turn.tokens(), reused);
            default -> throw new IllegalStateException("not a decision: " + decision);
          };
      if (events.appendStep(tenant, fork, RunEventKeys.stepReused(step), event, step) == 0) {
        throw refused("run " + fork + " already ended");
      }
    }
    return new ForkPrefix(
        source.forkStep(),
        transcriptKey,
        transcriptSha256,
        resultKeys,
        resultShas,
        approvals(tenant, from, source.forkStep(), recorded));
  }

  /** Copies the result of call {@code index} of {@code step}; what the step's event says of it. */
  private StepReused.ReusedToolCall copyResult(
      String tenant,
      UUID from,
      UUID fork,
      int step,
      int index,
      ToolExecutionRequest call,
      List<String> keys,
      List<String> shas) {
    String sourceKey = RunObjectKeys.toolResult(tenant, from, step, index);
    RunEventPayload outcome =
        events.find(tenant, from, RunEventKeys.toolCall(step, index)).orElse(null);
    if (!(outcome instanceof ToolCallCompleted || outcome instanceof ToolCallFailed)
        || !transcripts.exists(sourceKey)) {
      throw refused(
          "tool call "
              + index
              + " of step "
              + step
              + " of run "
              + from
              + " has no recorded result");
    }
    String key = RunObjectKeys.toolResult(tenant, fork, step, index);
    keys.add(key);
    shas.add(transcripts.writeMessage(key, transcripts.readMessage(sourceKey)));
    UUID child =
        events.find(tenant, from, RunEventKeys.childRun(step, index)).orElse(null)
                instanceof ChildRunStarted started
            ? started.childRunId()
            : null;
    return new StepReused.ReusedToolCall(
        index, call.name(), call.id(), outcome instanceof ToolCallFailed, child);
  }

  /**
   * The source's approvals of calls in the reused steps, each with the digest of its call's
   * arguments exactly as the model wrote them, for the byte-identical comparison.
   */
  private List<CarriedApproval> approvals(
      String tenant, UUID from, int forkStep, Map<Integer, List<ChatMessage>> recorded) {
    List<CarriedApproval> out = new ArrayList<>();
    for (ApprovedCall approved : sources.approvedBefore(tenant, from, forkStep)) {
      AiMessage answer = Transcripts.lastAiMessage(recorded.get(approved.step()));
      if (answer == null || approved.callIndex() >= answer.toolExecutionRequests().size()) {
        continue; // nothing it could be compared with
      }
      String arguments = answer.toolExecutionRequests().get(approved.callIndex()).arguments();
      out.add(
          new CarriedApproval(
              from,
              approved.approvalId(),
              approved.step(),
              approved.tool(),
              approved.sha256(),
              CanonicalJson.sha256Hex(arguments == null ? "" : arguments),
              approved.decidedBy()));
    }
    return out;
  }

  @Override
  public CarriedApproval carryApproval(ApprovalCarry request) {
    AiMessage answer = Transcripts.lastAiMessage(transcripts.read(request.transcriptKey()));
    int index = request.call().index();
    if (answer == null
        || index >= answer.toolExecutionRequests().size()
        || !Objects.equals(answer.toolExecutionRequests().get(index).id(), request.call().id())) {
      throw refused("transcript " + request.transcriptKey() + " holds no tool call #" + index);
    }
    ToolExecutionRequest call = answer.toolExecutionRequests().get(index);
    String raw = CanonicalJson.sha256Hex(call.arguments() == null ? "" : call.arguments());
    for (CarriedApproval candidate : request.candidates()) {
      if (candidate.tool().equals(call.name()) && candidate.rawArgumentsSha256().equals(raw)) {
        events.append(
            request.tenantId(),
            request.runId(),
            RunEventKeys.approvalCarried(request.step(), index),
            new ApprovalCarried(
                candidate.approvalId(),
                candidate.sourceRunId(),
                candidate.sourceStep(),
                request.step(),
                index,
                call.name(),
                call.id(),
                candidate.argumentsSha256(),
                candidate.decidedBy()));
        return candidate;
      }
    }
    return null;
  }

  /** The event that recorded step {@code step}'s decision in the source. */
  private RunEventPayload decision(String tenant, UUID from, int step) {
    return events
        .find(tenant, from, RunEventKeys.modelStep(step))
        .or(() -> events.find(tenant, from, RunEventKeys.agentTurn(step)))
        .filter(e -> e instanceof ModelCallCompleted || e instanceof AgentTurnCompleted)
        .orElseThrow(() -> refused("step " + step + " of run " + from + " was not recorded"));
  }

  private List<ChatMessage> sourceTranscript(String tenant, UUID from, int step) {
    String key = RunObjectKeys.transcript(tenant, from, step);
    if (!transcripts.exists(key)) {
      throw refused("the transcript of step " + step + " of run " + from + " is gone");
    }
    return transcripts.read(key);
  }

  /** Not retried: what the fork needs of its source is not there, and will not come back. */
  private static ApplicationFailure refused(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActivityFailureTypes.CLIENT_ERROR);
  }
}
