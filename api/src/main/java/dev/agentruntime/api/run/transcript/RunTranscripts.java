package dev.agentruntime.api.run.transcript;

import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A run's conversation as the worker stored it: the transcript of its latest stored step, then the
 * results of that step's tool calls stored so far, so a run in the middle of a step shows what has
 * run. Keys are derived from the run row of the caller's tenant, never from the request. Reads
 * only.
 */
@ApplicationScoped
public class RunTranscripts {

  private final TranscriptRunRepository runs;
  private final ObjectStore objects;
  private final TranscriptMessages messages;
  private final int maxBytes;

  public RunTranscripts(
      TranscriptRunRepository runs, ObjectStore objects, TranscriptSettings settings) {
    this.runs = runs;
    this.objects = objects;
    this.maxBytes = settings.maxBytes();
    this.messages = new TranscriptMessages(maxBytes);
  }

  public RunTranscriptResponse transcript(String tenantId, UUID runId) {
    TranscriptRunRepository.RunState run =
        runs.find(tenantId, runId).orElseThrow(() -> new NotFound("Run " + runId));
    if (run.purged()) {
      // Its objects are gone or going: none is read, so a half-purged run shows nothing partial.
      return RunTranscriptResponse.purged(runId);
    }
    if (RunStatus.QUEUED.wireName().equals(run.status())) {
      // The opening transcript is written once the run has started.
      return RunTranscriptResponse.empty(runId);
    }
    BoundedReads reads = new BoundedReads(objects, runId, maxBytes);
    // The row's step count is raised after the step's transcript is written, so its transcript is
    // normally there; a lower one stands in when it is not (a step that failed before its answer).
    for (int step = run.steps(); step >= 0; step--) {
      String key = RunObjectKeys.transcript(tenantId, runId, step);
      Optional<byte[]> stored = reads.read(key, step);
      if (stored.isPresent()) {
        return atStep(tenantId, runId, step, messages.list(stored.get(), key), reads);
      }
    }
    return RunTranscriptResponse.empty(runId);
  }

  /**
   * The transcript of {@code step} with the stored results of its last answer's tool calls. Every
   * call is looked up, not only those up to the first missing one: calls may run side by side and
   * end in any order.
   */
  private RunTranscriptResponse atStep(
      String tenantId,
      UUID runId,
      int step,
      List<TranscriptMessage> transcript,
      BoundedReads reads) {
    List<TranscriptMessage> conversation = new ArrayList<>(transcript);
    List<TranscriptToolCall> pending = new ArrayList<>();
    List<TranscriptToolCall> calls = lastAnswerCalls(transcript);
    for (int index = 0; index < calls.size(); index++) {
      String key = RunObjectKeys.toolResult(tenantId, runId, step, index);
      Optional<byte[]> result = reads.read(key, step);
      if (result.isPresent()) {
        messages.one(result.get(), key).ifPresent(conversation::add);
      } else {
        pending.add(calls.get(index));
      }
    }
    return new RunTranscriptResponse(runId, step, false, conversation, pending);
  }

  /** The tool calls of the transcript's last message, when it is a model answer that made any. */
  private static List<TranscriptToolCall> lastAnswerCalls(List<TranscriptMessage> transcript) {
    if (transcript.isEmpty()) {
      return List.of();
    }
    TranscriptMessage last = transcript.get(transcript.size() - 1);
    return TranscriptMessage.ASSISTANT.equals(last.role()) ? last.toolCalls() : List.of();
  }
}
